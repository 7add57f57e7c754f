import { useTranslation } from 'react-i18next';
import type { CompanyFeature, Exchange, Resource } from '../../domain/schema.ts';
import type { FlowArc } from '../../map/layers/flow-arcs.ts';
import { exchangePeriod } from '../exchange-period.ts';
import { formatKm, formatNumber, formatQuantity } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';

interface Props {
  arcs: readonly FlowArc[];
  /** The records behind the arcs, for what an arc does not carry (an end year no source gives). */
  exchanges: readonly Exchange[];
  companies: ReadonlyMap<string, CompanyFeature>;
  resources: ReadonlyMap<string, Resource>;
}

/** What the pointer is over, next to it: from → to, resource, quantity, years, distance, status. */
export function FlowTooltip({ arcs, exchanges, companies, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const hover = useUiStore((state) => state.hover);
  if (!hover) return null;
  const style = { left: hover.x + 14, top: hover.y + 14 };
  const nameOf = (id: string) => companies.get(id)?.properties.name ?? id;

  if (hover.kind === 'company') {
    const company = companies.get(hover.id);
    if (!company) return null;
    const streams = company.properties.streams.filter((stream) => stream.status !== 'historic');
    return (
      <div className="tooltip" style={style} role="tooltip">
        <strong>{company.properties.name}</strong>
        <div className="muted">{t(`role.${company.properties.role}`)}</div>
        <div>{t('tooltip.streams', { count: streams.length })}</div>
        <div className="hint">{t('tooltip.clickHint')}</div>
      </div>
    );
  }

  const arc = arcs.find((candidate) => candidate.id === hover.id);
  if (!arc) return null;
  const resource = resources.get(arc.resourceId);
  const exchange = arc.kind === 'exchange' ? exchanges.find((e) => e.id === arc.id) : undefined;
  const years = exchangePeriod(
    exchange ?? { status: arc.status, startYear: arc.startYear, endYear: arc.endYear },
    t,
  );
  return (
    <div className="tooltip" style={style} role="tooltip">
      <strong>{t('tooltip.flow', { from: nameOf(arc.fromId), to: nameOf(arc.toId) })}</strong>
      <div>
        <span className="swatch" style={{ background: resource?.colour }} aria-hidden="true" />{' '}
        {resource?.label[language]}
      </div>
      <dl>
        <dt>{t('tooltip.quantity')}</dt>
        <dd>{formatQuantity(arc.quantity, language) ?? t('tooltip.unknown')}</dd>
        {years ? (
          <>
            <dt>{t('tooltip.period')}</dt>
            <dd>{years}</dd>
          </>
        ) : null}
        <dt>{t('tooltip.distance')}</dt>
        <dd>{formatKm(arc.distanceKm, language)}</dd>
        <dt>{t('tooltip.status')}</dt>
        <dd>{t(`exchangeStatus.${arc.status}`)}</dd>
        {arc.score !== null ? (
          <>
            <dt>{t('tooltip.score')}</dt>
            <dd>{formatNumber(arc.score, language, 2)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
