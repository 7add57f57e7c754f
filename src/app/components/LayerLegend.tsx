import { useTranslation } from 'react-i18next';
import { regionMunicipalities } from '../../domain/basemap.ts';
import type { ExchangeStatus } from '../../domain/exchange.ts';
import { RESOURCE_CATEGORIES, type Resource } from '../../domain/resource.ts';
import { basemapPalette } from '../../map/basemap-palette.ts';
import { markerPalette } from '../../map/colour.ts';
import { MAX_WIDTH_PX, MIN_WIDTH_PX } from '../../map/layers/flow-arcs.ts';
import { useUiStore } from '../state/ui-store.ts';
import { PipelineStageLegend } from '../workbench/PipelineStageLegend.tsx';
import { usePrefersReducedMotion } from './use-prefers-reduced-motion.ts';

const statusOrder: ExchangeStatus[] = ['existing', 'proposed', 'candidate', 'historic', 'rejected'];

function StatusSample({ status }: { status: ExchangeStatus }) {
  const dashed = status === 'candidate';
  const colour = status === 'historic' || status === 'rejected' ? markerPalette.historicArc : '#0072B2';
  return (
    <svg width="28" height="10" aria-hidden="true" className="line-sample">
      {status === 'proposed' ? <line x1="2" y1="5" x2="26" y2="5" stroke="#1B1B1B" strokeWidth="6" /> : null}
      <line
        x1="2"
        y1="5"
        x2="26"
        y2="5"
        stroke={colour}
        strokeWidth="3"
        strokeDasharray={dashed ? '5 3' : undefined}
      />
    </svg>
  );
}

interface Props {
  resources: readonly Resource[];
  arcCounts: ReadonlyMap<string, number>;
  streamCounts: ReadonlyMap<string, number>;
  /** Lines drawn, and lines left out past the map's cap (0 in any region the size of the three municipalities). */
  drawnArcs?: number;
  leftOutArcs?: number;
}

/**
 * The legend is also the layer switcher: every resource with its colour, how many streams and arcs it has
 * now, and a toggle; statuses as line samples with toggles; then what markers and the basemap mean.
 */
export function LayerLegend({ resources, arcCounts, streamCounts, drawnArcs = 0, leftOutArcs = 0 }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const hidden = useUiStore((state) => state.hiddenResources);
  const statuses = useUiStore((state) => state.statuses);
  const showCandidates = useUiStore((state) => state.showCandidates);
  const clusters = useUiStore((state) => state.clusters);
  const animateChoice = useUiStore((state) => state.animateFlows);
  const mode = useUiStore((state) => state.mode);
  const reducedMotion = usePrefersReducedMotion();
  const {
    toggleResource,
    toggleStatus,
    setShowCandidates,
    setResourcesHidden,
    setClusters,
    setAnimateFlows,
  } = useUiStore.getState();

  return (
    <section className="panel-section legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="panel-heading">
        {t('legend.title')}
      </h2>

      <fieldset>
        <legend>{t('legend.flows')}</legend>
        {statusOrder.map((status) => (
          <label key={status} className="legend-row">
            <input
              type="checkbox"
              checked={statuses.includes(status)}
              onChange={() => toggleStatus(status)}
            />
            <StatusSample status={status} />
            {t(`exchangeStatus.${status}`)}
          </label>
        ))}
        <label className="legend-row">
          <input
            type="checkbox"
            checked={showCandidates}
            onChange={(event) => setShowCandidates(event.target.checked)}
          />
          <StatusSample status="candidate" />
          {t('legend.candidates')}
        </label>
        <p className="hint">{t('legend.candidatesHint')}</p>
        <p className="hint">{t('legend.width', { min: MIN_WIDTH_PX, max: MAX_WIDTH_PX })}</p>
        <p className="hint">{t('legend.arrows')}</p>
        {leftOutArcs > 0 ? (
          <p className="hint" data-left-out-arcs={leftOutArcs}>
            {t('legend.leftOut', {
              drawn: drawnArcs.toLocaleString(language),
              count: leftOutArcs.toLocaleString(language),
            })}
          </p>
        ) : null}
        <label className="legend-row">
          <input type="checkbox" checked={clusters} onChange={(event) => setClusters(event.target.checked)} />
          <span className="marker-sample marker-cluster" aria-hidden="true" />
          {t('legend.clusters')}
        </label>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={!reducedMotion && (animateChoice ?? mode === 'present')}
            disabled={reducedMotion}
            onChange={(event) => setAnimateFlows(event.target.checked)}
          />
          {t('legend.animate')}
        </label>
        {reducedMotion ? <p className="hint">{t('legend.reducedMotion')}</p> : null}
      </fieldset>

      <PipelineStageLegend />

      <fieldset>
        <legend>{t('legend.resources')}</legend>
        {RESOURCE_CATEGORIES.map((category) => {
          const inCategory = resources.filter(
            (resource) => resource.category === category && (streamCounts.get(resource.id) ?? 0) > 0,
          );
          if (inCategory.length === 0) return null;
          const ids = inCategory.map((resource) => resource.id);
          const allHidden = ids.every((id) => hidden.includes(id));
          return (
            <div key={category} className="legend-category">
              <div className="legend-category-head">
                <span>{t(`category.${category}`)}</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setResourcesHidden(ids, !allHidden)}
                >
                  {allHidden ? t('legend.showAll') : t('legend.hideAll')}
                </button>
              </div>
              {inCategory.map((resource) => (
                <label key={resource.id} className="legend-row" data-resource={resource.id}>
                  <input
                    type="checkbox"
                    checked={!hidden.includes(resource.id)}
                    onChange={() => toggleResource(resource.id)}
                  />
                  <span className="swatch" style={{ background: resource.colour }} aria-hidden="true" />
                  <span className="legend-label">{resource.label[language]}</span>
                  <span className="legend-count">
                    {t('legend.arcs', { count: arcCounts.get(resource.id) ?? 0 })}
                  </span>
                </label>
              ))}
            </div>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>{t('legend.markers')}</legend>
        {(['partner', 'registered-potential', 'former-partner', 'external'] as const).map((role) => (
          <div key={role} className="legend-row static">
            <span className={`marker-sample marker-${role}`} aria-hidden="true" />
            {t(`role.${role}`)}
          </div>
        ))}
        <p className="hint">{t('legend.glyphs')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('legend.map')}</legend>
        {regionMunicipalities.map((m) => (
          <div key={m.code} className="legend-row static">
            <span
              className="swatch"
              style={{ background: basemapPalette.regionFill[m.code] }}
              aria-hidden="true"
            />
            {t('legend.municipalityName', { name: m.name })}
          </div>
        ))}
        <div className="legend-row static">
          <span className="swatch" style={{ background: basemapPalette.sea }} aria-hidden="true" />
          {t('legend.sea')}
        </div>
      </fieldset>
    </section>
  );
}
