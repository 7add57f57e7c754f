import {
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../state/ui-store.ts';
import type { AtlasData } from '../state/use-atlas-data.ts';
import { DiagramCanvas } from './DiagramCanvas.tsx';
import { DiagramLegendPanel } from './DiagramLegend.tsx';
import { type DiagramLayout, layoutKey, shortHash } from './diagram-elk.ts';
import { layoutDiagram } from './diagram-layout.ts';
import { diagramFontsReady, measureText } from './diagram-measure.ts';
import { buildDiagramGraph, type DiagramSize, diagramLegend } from './diagram-model.ts';
import { buildNavigation, type FocusTarget, moveFocus, tabOrder } from './diagram-navigation.ts';
import { setShownDiagram } from './diagram-registry.ts';

interface Props {
  data: AtlasData;
  /** `large` for the projector: bigger type, measured and laid out at that size. */
  size?: DiagramSize;
  showLegend?: boolean;
  /** Move the map to a flow or company chosen here (when the map is on screen beside the diagram). */
  flyOnSelect?: boolean;
  /** Extra controls for the toolbar (the "map beside" switch). */
  toolbar?: ReactNode;
}

type LayoutResult = { key: string; layout: DiagramLayout } | { key: string; error: Error };

const ZOOM_STEP = 1.25;
const MIN_ZOOM = 0.2;
const MAX_ZOOM = 3;
/** Below this the automatic fit stops shrinking and the diagram scrolls instead: labels stay readable. */
const MIN_AUTO_ZOOM: Record<DiagramSize, number> = { normal: 0.8, large: 0.62 };

function useFontsReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void diagramFontsReady().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() =>
      setSize({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}

function targetOf(element: Element | null): FocusTarget | null {
  const item = element?.closest('[data-node-id], [data-edge-id]');
  if (!(item instanceof SVGElement)) return null;
  const nodeId = item.dataset.nodeId;
  if (nodeId) return { kind: 'node', id: nodeId };
  const edgeId = item.dataset.edgeId;
  return edgeId ? { kind: 'edge', id: edgeId, via: 'out' } : null;
}

/**
 * The symbiosis diagram: who sends what to whom, laid out by ELK, drawn as SVG, sharing filters and
 * selection with the map. Every company and flow is a focusable button; see diagram-navigation.ts for
 * the keys.
 */
export function DiagramView({
  data,
  size = 'normal',
  showLegend = true,
  flyOnSelect = false,
  toolbar,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const year = useUiStore((state) => state.year);
  const highlightedArcId = useUiStore((state) => state.highlightedArcId);
  const selectedCompanyId = useUiStore((state) => state.selectedCompanyId);
  const fontsReady = useFontsReady();

  const graph = useMemo(
    () =>
      fontsReady
        ? buildDiagramGraph({
            exchanges: data.visibleExchanges,
            candidates: data.visibleCandidates,
            companies: data.companies,
            resources: data.resources,
            year,
            language,
            t: (key, options) => (options ? t(key, options) : t(key)),
            measure: measureText,
            size,
          })
        : null,
    [
      fontsReady,
      data.visibleExchanges,
      data.visibleCandidates,
      data.companies,
      data.resources,
      year,
      language,
      size,
      t,
    ],
  );
  const key = useMemo(() => (graph ? layoutKey(graph) : null), [graph]);
  const [result, setResult] = useState<LayoutResult | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs a failed layout (the cache forgets failures)
  useEffect(() => {
    if (!graph || !key || graph.edges.length === 0) return;
    let live = true;
    layoutDiagram(graph, key).then(
      (layout) => live && setResult({ key, layout }),
      (error: unknown) =>
        live && setResult({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [graph, key, attempt]);

  const current = result && result.key === key ? result : null;
  const layout = current && 'layout' in current ? current.layout : null;
  const status =
    data.status === 'error'
      ? 'error'
      : data.status !== 'ready' || !graph
        ? 'loading'
        : graph.edges.length === 0
          ? 'empty'
          : !current
            ? 'loading'
            : 'error' in current
              ? 'error'
              : 'ready';

  const navigation = useMemo(
    () => (graph && layout ? buildNavigation(graph, layout) : null),
    [graph, layout],
  );
  const order = useMemo(() => (navigation ? tabOrder(navigation) : []), [navigation]);
  const legend = useMemo(
    () => (graph ? diagramLegend(graph, data.resources) : null),
    [graph, data.resources],
  );

  // Selection is the store's, shared with the map: an arc id, or a company (ringed with its flows' ends).
  const selectedEdge = graph?.edges.find((edge) => edge.id === highlightedArcId) ?? null;
  const ringedNodeIds = useMemo(
    () =>
      new Set(
        selectedEdge ? [selectedEdge.from, selectedEdge.to] : selectedCompanyId ? [selectedCompanyId] : [],
      ),
    [selectedEdge, selectedCompanyId],
  );

  const [focused, setFocused] = useState<FocusTarget | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const viewport = useElementSize(scroller);

  // Zoom: null follows the viewport (fit, but never below a readable size); a number is the user's own.
  const [zoom, setZoom] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new graph starts from the automatic fit again
  useEffect(() => setZoom(null), [key]);
  const fitZoom =
    layout && viewport.width > 0
      ? Math.min((viewport.width - 16) / layout.width, (viewport.height - 16) / layout.height)
      : 1;
  const autoZoom = Math.min(1, Math.max(MIN_AUTO_ZOOM[size], fitZoom));
  const scale = zoom ?? autoZoom;
  const changeZoom = useCallback(
    (factor: number | 'fit') =>
      setZoom((value) =>
        factor === 'fit'
          ? Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, fitZoom))
          : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, (value ?? autoZoom) * factor)),
      ),
    [fitZoom, autoZoom],
  );

  // Ctrl/⌘ + wheel zooms (a plain wheel scrolls); the listener must be active to stop the page zooming.
  useEffect(() => {
    if (!scroller) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      changeZoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [scroller, changeZoom]);

  // The export menu reads the diagram on screen from here.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !layout || !legend) return;
    setShownDiagram({
      svg,
      layout,
      legend,
      size,
      texts: {
        statuses: Object.fromEntries(legend.statuses.map((s) => [s, t(`diagram.status.${s}`)])),
        direction: t('diagram.direction'),
        computedHint: t('diagram.computedHint'),
      },
    });
    return () => setShownDiagram(null);
  }, [layout, legend, size, t]);

  // A selection made elsewhere (the map, a shared link) is scrolled into view, without taking the focus.
  useEffect(() => {
    const id = highlightedArcId ?? selectedCompanyId;
    if (!id || !layout) return;
    const attribute = highlightedArcId ? 'data-edge-id' : 'data-node-id';
    const element = svgRef.current?.querySelector(`[${attribute}="${CSS.escape(id)}"]`);
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [highlightedArcId, selectedCompanyId, layout]);

  const select = (target: FocusTarget) => {
    const store = useUiStore.getState();
    if (target.kind === 'edge') {
      store.highlightArc(target.id);
      const edge = graph?.edges.find((e) => e.id === target.id);
      const from = edge && data.companies.get(edge.from);
      const to = edge && data.companies.get(edge.to);
      if (flyOnSelect && from && to) {
        store.requestFlyTo({ lon: (from.lon + to.lon) / 2, lat: (from.lat + to.lat) / 2 });
      }
    } else {
      store.selectCompany(target.id);
      const at = data.companies.get(target.id);
      if (flyOnSelect && at) store.requestFlyTo({ lon: at.lon, lat: at.lat });
    }
  };

  const focusTarget = (target: FocusTarget) => {
    setFocused(target);
    const attribute = target.kind === 'node' ? 'data-node-id' : 'data-edge-id';
    const element = svgRef.current?.querySelector(`[${attribute}="${CSS.escape(target.id)}"]`);
    if (element instanceof SVGElement) element.focus();
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const here = targetOf(event.target as Element);
    const currentTarget = here && focused?.kind === here.kind && focused.id === here.id ? focused : here;
    if (event.key === '+' || event.key === '=') changeZoom(ZOOM_STEP);
    else if (event.key === '-') changeZoom(1 / ZOOM_STEP);
    else if (event.key === '0') changeZoom('fit');
    else if (!currentTarget) return;
    else if (event.key === 'Enter' || event.key === ' ') select(currentTarget);
    else if (event.key === 'Escape') useUiStore.getState().selectCompany(null);
    else {
      const next = navigation ? moveFocus(navigation, currentTarget, event.key) : null;
      if (!next) return;
      focusTarget(next);
    }
    // Handled here: the presentation's own keys (←/→ chapters, Space plays) must not also fire.
    event.preventDefault();
    event.stopPropagation();
  };

  // Drag to pan (the scroll position), without turning the end of a drag into a click on a flow.
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || !scroller) return;
    drag.current = {
      x: event.clientX,
      y: event.clientY,
      left: scroller.scrollLeft,
      top: scroller.scrollTop,
      moved: false,
    };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start || !scroller) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (!start.moved && Math.hypot(dx, dy) < 5) return;
    if (!start.moved) scroller.setPointerCapture(event.pointerId);
    start.moved = true;
    scroller.scrollLeft = start.left - dx;
    scroller.scrollTop = start.top - dy;
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (scroller?.hasPointerCapture(event.pointerId)) scroller.releasePointerCapture(event.pointerId);
    // Cleared after the click event this pointer-up may cause.
    setTimeout(() => {
      drag.current = null;
    }, 0);
  };

  const companies = graph?.nodes.length ?? 0;
  const flows = graph?.edges.length ?? 0;
  const summary = t('diagram.summary', {
    companies: t('diagram.companies', { count: companies }),
    flows: t('diagram.flows', { count: flows }),
  });

  return (
    <section
      className={`diagram diagram-${size}`}
      aria-label={t('diagram.title')}
      data-diagram-status={status}
      data-diagram-key={key ? shortHash(key) : ''}
      data-edge-count={layout ? flows : 0}
      data-node-count={layout ? companies : 0}
      data-selected-edge={selectedEdge?.id ?? ''}
    >
      <div className="diagram-toolbar">
        <h2 className="diagram-title">
          {t('diagram.title')}
          {status === 'ready' ? <span className="muted"> · {summary}</span> : null}
        </h2>
        <div className="diagram-zoom">
          <button type="button" onClick={() => changeZoom(1 / ZOOM_STEP)} disabled={!layout}>
            <span aria-hidden="true">−</span>
            <span className="visually-hidden">{t('diagram.zoomOut')}</span>
          </button>
          <button type="button" onClick={() => changeZoom('fit')} disabled={!layout}>
            {t('diagram.fit')}
          </button>
          <button type="button" onClick={() => changeZoom(ZOOM_STEP)} disabled={!layout}>
            <span aria-hidden="true">+</span>
            <span className="visually-hidden">{t('diagram.zoomIn')}</span>
          </button>
        </div>
        {toolbar}
      </div>

      <div
        ref={setScroller}
        className="diagram-scroll"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {graph && layout && status === 'ready' ? (
          // biome-ignore lint/a11y/useSemanticElements: an SVG drawing has no <fieldset>; the group names the diagram
          <svg
            ref={svgRef}
            className="diagram-svg"
            width={Math.round(layout.width * scale)}
            height={Math.round(layout.height * scale)}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            role="group"
            aria-label={`${t('diagram.title')}: ${summary}`}
            onKeyDown={onKeyDown}
            onFocus={(event) => {
              // The ring is for keyboard users; a click shows the selection instead.
              const element = event.target as Element;
              const here = element.matches(':focus-visible') ? targetOf(element) : null;
              setFocused((previous) =>
                here && previous?.kind === here.kind && previous.id === here.id ? previous : here,
              );
            }}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
            }}
            onClick={(event) => {
              if (drag.current?.moved) return;
              const here = targetOf(event.target as Element);
              if (here) select(here);
            }}
          >
            <DiagramCanvas
              graph={graph}
              layout={layout}
              order={order}
              selectedEdgeId={selectedEdge?.id ?? null}
              ringedNodeIds={ringedNodeIds}
              focused={focused}
            />
          </svg>
        ) : null}
        {status === 'loading' ? (
          <p className="diagram-message" role="status">
            {data.status === 'ready' ? t('diagram.loading') : t('status.loadingData')}
          </p>
        ) : status === 'empty' ? (
          <p className="diagram-message" role="status">
            {t('diagram.empty')}
          </p>
        ) : status === 'error' ? (
          <div className="diagram-message status-error" role="alert">
            <p>
              {current && 'error' in current
                ? t('diagram.error', { message: current.error.message })
                : t('status.dataError', { message: data.error?.message ?? '' })}
            </p>
            <button
              type="button"
              onClick={() => (current && 'error' in current ? setAttempt((n) => n + 1) : data.retry())}
            >
              {t('status.retry')}
            </button>
          </div>
        ) : null}
      </div>

      {showLegend && legend && status === 'ready' ? <DiagramLegendPanel legend={legend} /> : null}
      {status === 'ready' ? <p className="diagram-keys hint">{t('diagram.keys')}</p> : null}
    </section>
  );
}
