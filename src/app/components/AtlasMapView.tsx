import { bbox } from '@turf/bbox';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapManifest } from '../../domain/basemap.ts';
import { type AtlasMap, createAtlasMap } from '../../map/atlas-map.ts';
import type { NodeLabel } from '../../map/company-labels.ts';
import { clusterRadiusPx } from '../../map/layers/cluster-markers.ts';
import { flowParticles } from '../../map/layers/flow-particles.ts';
import type { ParticleOverlay } from '../../map/particle-overlay.ts';
import { nodeName } from '../cluster-name.ts';
import { useSetAtlasMap } from '../state/atlas-map-context.tsx';
import { useUiStore } from '../state/ui-store.ts';
import type { AtlasData } from '../state/use-atlas-data.ts';
import { ClusterList } from './ClusterList.tsx';
import { usePrefersReducedMotion } from './use-prefers-reduced-motion.ts';

declare global {
  interface Window {
    /** The live map for browser tests and the console; the app itself reaches it through useAtlasMap(). */
    symbiosisAtlas?: AtlasMap;
  }
}

export type MapStatus = 'loading' | 'idle' | 'error';

const FRAME_MS = 1000 / 30;

interface Props {
  manifest: BasemapManifest;
  data: AtlasData;
  /** Staff placing a new company: the clicked position. */
  onPlace?: (lon: number, lat: number) => void;
}

export function AtlasMapView({ manifest, data, onPlace }: Props) {
  const { t } = useTranslation();
  const setAtlas = useSetAtlasMap();
  const containerRef = useRef<HTMLElement>(null);
  const atlasRef = useRef<AtlasMap | null>(null);
  const particlesRef = useRef<ParticleOverlay | null>(null);
  const [status, setStatus] = useState<MapStatus>('loading');
  const [layersSet, setLayersSet] = useState(false);
  const onPlaceRef = useRef(onPlace);
  onPlaceRef.current = onPlace;
  const levelRef = useRef(data.level);
  levelRef.current = data.level;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setStatus('loading');
    const initialCamera = useUiStore.getState().camera;
    const atlasMap = createAtlasMap({
      container,
      manifest,
      origin: window.location.origin,
      camera: initialCamera,
      onIdle: () => setStatus('idle'),
      onError: (error) => {
        console.error('Map error:', error.message);
        setStatus('error');
      },
    });
    const { map } = atlasMap;
    const reportCamera = () => {
      const centre = map.getCenter();
      useUiStore.getState().setCamera({ lon: centre.lng, lat: centre.lat, zoom: map.getZoom() });
    };
    // Clusters follow the zoom the map opens at (fitted to the region, or from a link), which the map knows
    // as soon as it exists: reported now, the first data handed to the map is already for that zoom.
    reportCamera();
    map.on('moveend', reportCamera);
    map.on('click', (event) => {
      const store = useUiStore.getState();
      if (store.placingCompany) {
        onPlaceRef.current?.(event.lngLat.lng, event.lngLat.lat);
        return;
      }
      const picked = atlasMap.pick(event.point);
      if (!picked) return;
      if (picked.kind === 'arc') store.highlightArc(picked.id);
      else if (picked.kind === 'cluster') {
        // A click on a cluster zooms in until it opens.
        const node = levelRef.current.nodes.find((candidate) => candidate.id === picked.id);
        if (!node) return;
        const [lon, lat] = node.position;
        store.setHover(null);
        store.requestFlyTo({ lon, lat, zoom: node.expansionZoom ?? levelRef.current.zoom + 2 });
      } else store.selectCompany(picked.id);
    });
    // Hover is picked once a frame at most, however fast the pointer moves.
    let hoverFrame = 0;
    const hoverAt = (point: { x: number; y: number } | null) => {
      cancelAnimationFrame(hoverFrame);
      hoverFrame = requestAnimationFrame(() => {
        const store = useUiStore.getState();
        const picked = point ? atlasMap.pick(point) : null;
        atlasMap.setHovered(picked);
        map.getCanvas().style.cursor = store.placingCompany ? 'crosshair' : picked ? 'pointer' : '';
        const hover = picked && point ? { ...picked, x: point.x, y: point.y } : null;
        const current = store.hover;
        if (hover?.id !== current?.id || hover?.x !== current?.x) store.setHover(hover);
      });
    };
    map.on('mousemove', (event) => hoverAt(event.point));
    map.on('mouseout', () => hoverAt(null));
    map.on('movestart', () => hoverAt(null));
    atlasRef.current = atlasMap;
    setAtlas(atlasMap);
    window.symbiosisAtlas = atlasMap;
    return () => {
      cancelAnimationFrame(hoverFrame);
      if (window.symbiosisAtlas === atlasMap) window.symbiosisAtlas = undefined;
      setAtlas((current) => (current === atlasMap ? null : current));
      atlasRef.current = null;
      particlesRef.current = null;
      atlasMap.remove();
    };
  }, [manifest, setAtlas]);

  // Flow animation: on by choice, or by default when presenting; never for someone who asked for less motion.
  const mode = useUiStore((state) => state.mode);
  const animateChoice = useUiStore((state) => state.animateFlows);
  const reducedMotion = usePrefersReducedMotion();
  const animating = !reducedMotion && (animateChoice ?? mode === 'present');

  // Thematic layers: styled by pure functions, drawn by MapLibre with the basemap. Each source is handed
  // new data only when its own input changed, so a hover re-tiles the casings and arrowheads, not the flows.
  useEffect(() => {
    const atlas = atlasRef.current;
    if (!atlas) return;
    atlas.setLayerInput(data.layerInput);
    if (data.status !== 'ready') return;
    // Ready once the map has drawn this data: the next idle comes after its sources were tiled.
    const ready = () => setLayersSet(true);
    atlas.map.once('idle', ready);
    return () => {
      atlas.map.off('idle', ready);
    };
  }, [data.layerInput, data.status]);

  // The moving dots are deck.gl, loaded the first time the animation runs. Each frame redraws the whole map
  // (basemap included), so the dots move at 30 frames a second, not 60: smooth enough to read, and half the
  // work on a presenter's laptop.
  const arcs = data.layerInput.arcs;
  useEffect(() => {
    const atlas = atlasRef.current;
    if (!atlas || !animating) return;
    let cancelled = false;
    let frame = 0;
    let last = 0;
    const tick = (now: number) => {
      if (now - last >= FRAME_MS) {
        last = now;
        particlesRef.current?.setParticles(flowParticles(arcs, now));
      }
      frame = requestAnimationFrame(tick);
    };
    void import('../../map/particle-overlay.ts').then(({ createParticleOverlay }) => {
      if (cancelled || atlasRef.current !== atlas) return;
      particlesRef.current ??= createParticleOverlay(atlas.map, atlas.labelBeforeId);
      frame = requestAnimationFrame(tick);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      particlesRef.current?.setParticles(null);
    };
  }, [arcs, animating]);

  const selectedCompanyId = useUiStore((state) => state.selectedCompanyId);
  const labels = useMemo((): NodeLabel[] => {
    const radiusOf = new Map(data.layerInput.markers.map((marker) => [marker.id, marker.radiusPx]));
    return data.level.nodes.map((node) => {
      const count = node.memberIds.length;
      const selected = node.memberIds.includes(selectedCompanyId ?? '');
      return node.kind === 'cluster'
        ? {
            id: node.id,
            kind: 'cluster',
            position: node.position,
            text: nodeName(node, t),
            count,
            radiusPx: clusterRadiusPx(count),
            selected,
          }
        : {
            id: node.id,
            kind: 'company',
            position: node.position,
            text: node.name,
            radiusPx: radiusOf.get(node.id) ?? 8,
            selected,
          };
    });
  }, [data.level, data.layerInput.markers, selectedCompanyId, t]);

  useEffect(() => {
    atlasRef.current?.setNodeLabels(labels);
  }, [labels]);

  // The partner finder's circle is framed whole, so every partner it lists is on screen.
  const finderArea = data.layerInput.finderArea;
  useEffect(() => {
    const map = atlasRef.current?.map;
    if (!map || !finderArea) return;
    const [west, south, east, north] = bbox(finderArea);
    map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding: 40, maxZoom: 13 },
    );
  }, [finderArea]);

  // Camera requests from panels, lists and the story: smooth, and interrupted by any user gesture.
  const flyTo = useUiStore((state) => state.flyTo);
  useEffect(() => {
    const map = atlasRef.current?.map;
    if (!map || !flyTo) return;
    map.flyTo({
      center: [flyTo.lon, flyTo.lat],
      zoom: flyTo.zoom ?? Math.max(map.getZoom(), 12),
      ...(flyTo.pitch === undefined ? {} : { pitch: flyTo.pitch }),
      ...(flyTo.bearing === undefined ? {} : { bearing: flyTo.bearing }),
      essential: true,
    });
  }, [flyTo]);

  return (
    <>
      <section
        ref={containerRef}
        className="atlas-map"
        data-map-status={status}
        data-data-status={
          layersSet && status === 'idle' ? 'ready' : data.status === 'error' ? 'error' : 'loading'
        }
        data-arc-count={data.arcs.length}
        data-highlighted-arc={data.layerInput.highlightedArcId ?? ''}
        data-company-count={data.visibleCompanies.length}
        data-node-count={data.level.nodes.length}
        data-flow-count={data.flows.length}
        data-arc-flow-count={data.arcs.reduce((sum, arc) => sum + arc.memberIds.length, 0)}
        data-zero-length-arc-count={data.arcs.filter((arc) => !arc.stub && arc.distanceKm === 0).length}
        data-stub-count={data.arcs.filter((arc) => arc.stub).length}
        data-left-out-arc-count={data.leftOutArcCount}
        data-cluster-count={data.layerInput.clusters.length}
        data-arc-stages={[...data.arcStages].map(([id, stage]) => `${id}:${stage}`).join(' ')}
        data-flow-animation={animating ? 'on' : 'off'}
        aria-label="Map of companies and side-stream exchanges in Kalundborg, Holbæk and Odsherred"
      />
      <ClusterList nodes={data.level.nodes} zoom={data.level.zoom} withinNode={data.withinNode} />
    </>
  );
}
