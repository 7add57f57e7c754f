import { useTranslation } from 'react-i18next';
import { currentStreams } from '../../domain/company.ts';
import { placeFlowTotals } from '../../domain/flow-totals.ts';
import { nodeName } from '../cluster-name.ts';
import { exchangePeriod } from '../exchange-period.ts';
import { formatKm, formatNumber, formatQuantity } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { AtlasData } from '../state/use-atlas-data.ts';
import { PlaceTotals, QuantitySummaryText } from './PlaceTotals.tsx';

/** What the tooltip reads of the atlas data: the arcs, the records behind them, and the nodes of this zoom. */
type Props = Pick<AtlasData, 'arcs' | 'exchanges' | 'companies' | 'resources' | 'flows' | 'level'>;

/**
 * What the pointer is over, next to it: for a flow, from → to, resource, quantity, years, distance and
 * status; for a company or a cluster, its flows in and out by resource.
 */
export function FlowTooltip({ data }: { data: Props }) {
  const { arcs, exchanges, companies, resources, flows, level } = data;
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const hover = useUiStore((state) => state.hover);
  if (!hover) return null;
  const style = { left: hover.x + 14, top: hover.y + 14 };
  const nodes = new Map(level.nodes.map((node) => [node.id, node]));
  const nameOf = (id: string) => {
    const node = nodes.get(id);
    if (node?.kind === 'cluster') {
      return nodeName(node, t);
    }
    return companies.get(id)?.properties.name ?? id;
  };

  if (hover.kind === 'cluster') {
    const node = nodes.get(hover.id);
    if (!node) return null;
    const roles = Object.entries(node.roles).filter(([, count]) => count > 0);
    return (
      <div className="tooltip" style={style} role="tooltip" data-tooltip="cluster">
        <strong>{nameOf(node.id)}</strong>
        <div className="muted">
          {roles.map(([role, count]) => `${t(`role.${role}`)}: ${count}`).join(' · ')}
        </div>
        <PlaceTotals totals={placeFlowTotals(new Set(node.memberIds), flows)} resources={resources} />
        <div className="hint">{t('tooltip.clusterHint')}</div>
      </div>
    );
  }

  if (hover.kind === 'company') {
    const company = companies.get(hover.id);
    if (!company) return null;
    const streams = currentStreams(company.properties.streams);
    return (
      <div className="tooltip" style={style} role="tooltip" data-tooltip="company">
        <strong>{company.properties.name}</strong>
        <div className="muted">{t(`role.${company.properties.role}`)}</div>
        <div>{t('tooltip.streams', { count: streams.length })}</div>
        <PlaceTotals totals={placeFlowTotals(new Set([hover.id]), flows)} resources={resources} />
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
        {arc.memberIds.length > 1 ? (
          <>
            <dt>{t('tooltip.quantity')}</dt>
            <dd>
              {t('tooltip.flows', { count: arc.memberIds.length })}:{' '}
              <QuantitySummaryText summary={arc.summary} />
            </dd>
          </>
        ) : (
          <>
            <dt>{t('tooltip.quantity')}</dt>
            <dd>{formatQuantity(arc.quantity, language) ?? t('tooltip.unknown')}</dd>
          </>
        )}
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
