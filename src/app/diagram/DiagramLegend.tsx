import { useTranslation } from 'react-i18next';
import type { ExchangeStatus } from '../../domain/exchange.ts';
import { markerPalette } from '../../map/colour.ts';
import type { DiagramLegend } from './diagram-model.ts';
import { CASING, DASH, INK } from './diagram-style.ts';

/** A short arrow drawn as the diagram draws a flow of that status (or of that resource's colour). */
export function FlowSample({ status, colour = INK }: { status: ExchangeStatus; colour?: string }) {
  const stroke = status === 'historic' || status === 'rejected' ? markerPalette.historicArc : colour;
  return (
    <svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" className="line-sample">
      {status === 'proposed' ? <line x1="2" y1="6" x2="25" y2="6" stroke={CASING} strokeWidth="5.5" /> : null}
      <line
        x1="2"
        y1="6"
        x2="25"
        y2="6"
        stroke={stroke}
        strokeWidth="2.4"
        strokeDasharray={status === 'candidate' ? DASH : undefined}
      />
      <polygon points="33,6 24,1.5 24,10.5" fill={stroke} />
    </svg>
  );
}

/** What the colours and line styles mean: resources drawn (with their arrow counts) and statuses used. */
export function DiagramLegendPanel({ legend }: { legend: DiagramLegend }) {
  const { t } = useTranslation();
  return (
    <section className="diagram-legend" aria-label={t('diagram.legend')}>
      <h2 className="visually-hidden">{t('diagram.legend')}</h2>
      <ul className="diagram-legend-statuses">
        {legend.statuses.map((status) => (
          <li key={status}>
            <FlowSample status={status} />
            {t(`diagram.status.${status}`)}
          </li>
        ))}
        <li className="muted">{t('diagram.direction')}</li>
      </ul>
      <ul className="diagram-legend-resources">
        {legend.resources.map((resource) => (
          <li key={resource.id} data-resource={resource.id}>
            <span className="swatch" style={{ background: resource.colour }} aria-hidden="true" />
            {resource.label} <span className="muted">({resource.count})</span>
          </li>
        ))}
      </ul>
      {legend.computed ? <p className="hint">{t('diagram.computedHint')}</p> : null}
    </section>
  );
}
