import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { firstExchangeYear } from '../domain/timeline.ts';
import { useBasemapManifest, useServerSession, useStats } from './api/queries.ts';
import { ArcDetails } from './components/ArcDetails.tsx';
import { AtlasMapView } from './components/AtlasMapView.tsx';
import { CompanyDetails } from './components/CompanyDetails.tsx';
import { FiltersPanel } from './components/FiltersPanel.tsx';
import { FlowTooltip } from './components/FlowTooltip.tsx';
import { LayerLegend } from './components/LayerLegend.tsx';
import { ListView } from './components/ListView.tsx';
import { PartnerFinder } from './components/PartnerFinder.tsx';
import { SearchBox } from './components/SearchBox.tsx';
import { TopBar } from './components/TopBar.tsx';
import { DiagramPane } from './diagram/DiagramPane.tsx';
import { legendItemsFor } from './export/map-capture.ts';
import { useAtlasMap } from './state/atlas-map-context.tsx';
import { useUiStore } from './state/ui-store.ts';
import { useAtlasData } from './state/use-atlas-data.ts';
import { useUrlSync } from './state/use-url-sync.ts';
import { StatsPanel } from './stats/StatsPanel.tsx';
import { useRegistrationSite } from './workbench/registration-draft.ts';

// Loaded on demand: presenting and placing a company are not what the first screen shows.
const PresentMode = lazy(() => import('./present/PresentMode.tsx').then((m) => ({ default: m.PresentMode })));
const NewCompanyForm = lazy(() =>
  import('./components/NewCompanyForm.tsx').then((m) => ({ default: m.NewCompanyForm })),
);
const RegistrationForm = lazy(() =>
  import('./workbench/RegistrationForm.tsx').then((m) => ({ default: m.RegistrationForm })),
);
const RegistrationQueue = lazy(() =>
  import('./workbench/RegistrationQueue.tsx').then((m) => ({ default: m.RegistrationQueue })),
);
// The secretariat's workbench: only staff open these.
const PipelineBoard = lazy(() =>
  import('./workbench/PipelineBoard.tsx').then((m) => ({ default: m.PipelineBoard })),
);
const ScenarioPanel = lazy(() =>
  import('./workbench/ScenarioPanel.tsx').then((m) => ({ default: m.ScenarioPanel })),
);
const CouncilReport = lazy(() =>
  import('./workbench/CouncilReport.tsx').then((m) => ({ default: m.CouncilReport })),
);

const currentYear = new Date().getFullYear();

export function App() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const atlas = useAtlasMap();
  useUrlSync();
  const basemap = useBasemapManifest();
  const data = useAtlasData();
  const stats = useStats();
  const session = useServerSession();
  // On a tablet the panels cover the map, so the filters start closed there (☰ opens them).
  const [filtersOpen, setFiltersOpen] = useState(() => window.matchMedia('(min-width: 1101px)').matches);
  const [placement, setPlacement] = useState<{
    lon: number;
    lat: number;
    municipality: string | null;
  } | null>(null);
  const view = useUiStore((state) => state.view);
  const selectedCompanyId = useUiStore((state) => state.selectedCompanyId);
  const highlightedArcId = useUiStore((state) => state.highlightedArcId);
  const finder = useUiStore((state) => state.partnerFinder);
  const placing = useUiStore((state) => state.placingCompany);
  const mode = useUiStore((state) => state.mode);

  const firstYear = useMemo(() => firstExchangeYear(data.exchanges) ?? 1961, [data.exchanges]);
  // An exchange drawn inside a merged flow (an end is a cluster) is shown on that flow.
  const highlightedArc =
    data.arcs.find((arc) => arc.id === highlightedArcId) ??
    (highlightedArcId ? data.arcs.find((arc) => arc.memberIds.includes(highlightedArcId)) : undefined);
  const resourceList = useMemo(() => [...data.resources.values()], [data.resources]);

  const legendItems = () => legendItemsFor(data.arcCounts, data.resources, language);
  const credits = basemap.data?.attribution.join(' · ') ?? '';

  const lastYear = stats.data?.byYear.at(-1)?.year ?? currentYear;
  if (mode === 'present') {
    return (
      <Suspense
        fallback={
          <p className="status-banner" role="status">
            {t('status.loadingMap')}
          </p>
        }
      >
        <PresentMode manifest={basemap.data} data={data} firstYear={firstYear} currentYear={lastYear} />
      </Suspense>
    );
  }

  const rightPanel =
    view === 'register' ? (
      <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
        <RegistrationForm resources={resourceList} />
      </Suspense>
    ) : placement ? (
      <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
        <NewCompanyForm
          {...placement}
          onDone={() => {
            setPlacement(null);
            useUiStore.getState().setPlacingCompany(false);
          }}
        />
      </Suspense>
    ) : finder ? (
      <PartnerFinder
        finder={finder}
        companies={data.companies}
        resources={resourceList}
        contactEmail={session.data?.contactEmail ?? null}
      />
    ) : highlightedArc ? (
      <ArcDetails
        arc={highlightedArc}
        exchange={data.exchanges.find((exchange) => exchange.id === highlightedArcId)}
        companies={data.companies}
        resources={data.resources}
      />
    ) : selectedCompanyId ? (
      <CompanyDetails companyId={selectedCompanyId} companies={data.companies} resources={data.resources} />
    ) : null;

  // The board takes the whole width (it has filters of its own); a card opens its arc's panel on the map.
  const leftOpen = filtersOpen && view !== 'board';
  const sidePanel = view === 'board' ? null : rightPanel;

  return (
    <div className="app">
      <a className="skip-link" href="#map-stage">
        {t('app.skipToMap')}
      </a>
      <TopBar
        onToggleFilters={() => setFiltersOpen((open) => !open)}
        legend={legendItems}
        credits={credits}
      />
      <div className={`workspace ${leftOpen ? 'filters-open' : ''} ${sidePanel ? 'details-open' : ''}`}>
        <aside className="left-panel" aria-label={t('topBar.toggleFilters')} hidden={!leftOpen}>
          <SearchBox companies={data.allCompanies} resources={resourceList} />
          <FiltersPanel firstYear={firstYear} currentYear={lastYear} companies={data.allCompanies} />
          <StatsPanel
            records={{ exchanges: data.exchanges, companies: data.companies, resources: data.resources }}
            currentYear={lastYear}
          />
          <LayerLegend
            resources={resourceList}
            arcCounts={data.arcCounts}
            streamCounts={data.streamCounts}
            drawnArcs={data.arcs.length}
            leftOutArcs={data.leftOutArcCount}
          />
        </aside>
        <main className="map-stage" id="map-stage" tabIndex={-1}>
          {basemap.data ? (
            <AtlasMapView
              manifest={basemap.data}
              data={data}
              onPlace={(lon, lat) => {
                const site = { lon, lat, municipality: atlas?.municipalityAt(lon, lat) ?? null };
                // The registration form picks its site the way staff place a company.
                if (view === 'register') useRegistrationSite.getState().setSite(site);
                else setPlacement(site);
              }}
            />
          ) : (
            <div className="atlas-map" />
          )}
          {view === 'list' ? (
            <div className="list-overlay">
              <ListView
                companies={data.visibleCompanies}
                exchanges={data.visibleExchanges}
                companyIndex={data.companies}
                resources={data.resources}
              />
            </div>
          ) : null}
          {view === 'diagram' ? <DiagramPane data={data} /> : null}
          {view === 'board' ? (
            <div className="list-overlay">
              <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
                <PipelineBoard resources={data.resources} />
              </Suspense>
            </div>
          ) : null}
          {view === 'registrations' && session.data?.level === 'secretariat' ? (
            <div className="list-overlay">
              <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
                <RegistrationQueue companies={data.allCompanies} resources={data.resources} />
              </Suspense>
            </div>
          ) : null}
          <FlowTooltip data={data} />
          {basemap.isPending || data.status === 'loading' ? (
            <p className="status-banner" role="status">
              {basemap.isPending ? t('status.loadingMap') : t('status.loadingData')}
            </p>
          ) : null}
          {data.candidatesLoading ? (
            <p className="status-banner" role="status">
              {t('status.candidatesLoading')}
            </p>
          ) : null}
          {placing && !placement ? (
            <p className="status-banner" role="status">
              {t('staff.placeHint')}
            </p>
          ) : null}
          {basemap.isError ? (
            <div className="status-banner status-error" role="alert">
              <p>{t('status.mapError', { message: basemap.error.message })}</p>
              <button type="button" onClick={() => void basemap.refetch()}>
                {t('status.retry')}
              </button>
            </div>
          ) : data.status === 'error' ? (
            <div className="status-banner status-error" role="alert">
              <p>{t('status.dataError', { message: data.error?.message ?? '' })}</p>
              <button type="button" onClick={data.retry}>
                {t('status.retry')}
              </button>
            </div>
          ) : null}
        </main>
        {sidePanel ? <aside className="right-panel">{sidePanel}</aside> : null}
        {/* Over the whole workspace: the workbench needs the width, and prints on its own. */}
        {view === 'scenario' || view === 'report' ? (
          <Suspense fallback={<p className="status-banner">{t('details.loading')}</p>}>
            {view === 'scenario' ? (
              <ScenarioPanel
                companies={data.companies}
                resources={data.resources}
                exchanges={data.exchanges}
              />
            ) : (
              <CouncilReport
                companies={data.companies}
                resources={data.resources}
                exchanges={data.exchanges}
              />
            )}
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
