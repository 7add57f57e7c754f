import { useTranslation } from 'react-i18next';
import type { PlaceFlowTotals, ResourceFlowTotal } from '../../domain/flow-totals.ts';
import type { QuantitySummary } from '../../domain/quantity-totals.ts';
import type { Resource } from '../../domain/resource.ts';
import { formatNumber, prettyUnit } from '../format.ts';

/** "150,000 t/yr (2018) · 2 flows, quantity not published": sums only within one unit and one year. */
export function QuantitySummaryText({ summary }: { summary: QuantitySummary }) {
  const { t, i18n } = useTranslation();
  const parts = summary.totals.map(
    (total) =>
      `${formatNumber(total.value, i18n.language)} ${prettyUnit(total.unit)}${
        total.referenceYear === null ? '' : ` (${total.referenceYear})`
      }`,
  );
  if (summary.ranged > 0) parts.push(t('tooltip.ranged', { count: summary.ranged }));
  if (summary.unknown > 0) parts.push(t('tooltip.notPublished', { count: summary.unknown }));
  return <>{parts.join(' · ')}</>;
}

function Rows({
  heading,
  rows,
  resources,
}: {
  heading: string;
  rows: readonly ResourceFlowTotal[];
  resources: ReadonlyMap<string, Resource>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  if (rows.length === 0) return null;
  return (
    <>
      <dt>{heading}</dt>
      <dd>
        <ul className="place-totals">
          {rows.map((row) => {
            const resource = resources.get(row.resourceId);
            return (
              <li key={row.resourceId} data-resource={row.resourceId} data-flows={row.flows}>
                <span className="swatch" style={{ background: resource?.colour }} aria-hidden="true" />{' '}
                {resource?.label[language] ?? row.resourceId}: {t('tooltip.flows', { count: row.flows })}
                {' · '}
                <QuantitySummaryText summary={row.summary} />
              </li>
            );
          })}
        </ul>
      </dd>
    </>
  );
}

/** A place's flows in and out by resource, as flowmap.gl shows a location's totals. */
export function PlaceTotals({
  totals,
  resources,
}: {
  totals: PlaceFlowTotals;
  resources: ReadonlyMap<string, Resource>;
}) {
  const { t } = useTranslation();
  if (totals.incoming.length + totals.outgoing.length + totals.within.length === 0) {
    return <p className="muted">{t('tooltip.noFlows')}</p>;
  }
  return (
    <dl className="place-totals-list">
      <Rows heading={t('tooltip.incoming')} rows={totals.incoming} resources={resources} />
      <Rows heading={t('tooltip.outgoing')} rows={totals.outgoing} resources={resources} />
      <Rows heading={t('tooltip.within')} rows={totals.within} resources={resources} />
    </dl>
  );
}
