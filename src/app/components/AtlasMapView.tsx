import type { PickingInfo } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import { useEffect, useRef, useState } from 'react';
import type { BasemapManifest } from '../../domain/basemap.ts';
import { type AtlasMap, createAtlasMap } from '../../map/atlas-map.ts';
import { addCompanyLabels, setCompanyLabels } from '../../map/company-labels.ts';
import { buildAtlasLayers, isFlowArc, pickedObject } from '../../map/layers/atlas-layers.ts';
import { buildCompanyMarkers } from '../../map/layers/company-markers.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { AtlasData } from '../state/use-atlas-data.ts';

declare global {
  interface Window {
    /** The live map, for browser tests and for debugging from the console. */
    symbiosisAtlas?: AtlasMap;
  }
}

export type MapStatus = 'loading' | 'idle' | 'error';

interface Props {
  manifest: BasemapManifest;
  data: AtlasData;
  /** Staff placing a new company: the clicked position. */
  onPlace?: (lon: number, lat: number) => void;
}

export function AtlasMapView({ manifest, data, onPlace }: Props) {
  const containerRef = useRef<HTMLElement>(null);
  const atlasRef = useRef<AtlasMap | null>(null);
  const [status, setStatus] = useState<MapStatus>('loading');
  const [styleLoaded, setStyleLoaded] = useState(false);
  const [layersSet, setLayersSet] = useState(false);
  const onPlaceRef = useRef(onPlace);
  onPlaceRef.current = onPlace;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setStatus('loading');
    setStyleLoaded(false);
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
    map.on('load', () => {
      addCompanyLabels(map);
      setStyleLoaded(true);
    });
    map.on('moveend', () => {
      const centre = map.getCenter();
      useUiStore.getState().setCamera({ lon: centre.lng, lat: centre.lat, zoom: map.getZoom() });
    });
    map.on('click', (event) => {
      if (useUiStore.getState().placingCompany) onPlaceRef.current?.(event.lngLat.lng, event.lngLat.lat);
    });
    atlasRef.current = atlasMap;
    window.symbiosisAtlas = atlasMap;
    return () => {
      if (window.symbiosisAtlas === atlasMap) window.symbiosisAtlas = undefined;
      atlasRef.current = null;
      atlasMap.remove();
    };
  }, [manifest]);

  // Thematic layers: rebuilt by pure functions, handed to deck.gl inside MapLibre's own WebGL context.
  useEffect(() => {
    const atlas = atlasRef.current;
    if (!atlas) return;
    const store = useUiStore.getState;
    atlas.overlay.setProps({
      layers: buildAtlasLayers({ ...data.layerInput, beforeId: atlas.labelBeforeId }),
      onHover: (info: PickingInfo) => {
        const object = pickedObject(info);
        const hover = object
          ? {
              kind: isFlowArc(object) ? ('arc' as const) : ('company' as const),
              id: object.id,
              x: info.x,
              y: info.y,
            }
          : null;
        const current = store().hover;
        if (hover?.id !== current?.id || hover?.x !== current?.x) store().setHover(hover);
      },
      onClick: (info: PickingInfo) => {
        if (store().placingCompany) return;
        const object = pickedObject(info);
        if (!object) return;
        if (isFlowArc(object)) store().highlightArc(object.id);
        else store().selectCompany(object.id);
      },
      getCursor: ({ isHovering }: { isHovering: boolean }) =>
        store().placingCompany ? 'crosshair' : isHovering ? 'pointer' : 'grab',
    });
    setLayersSet(data.status === 'ready');
  }, [data.layerInput, data.status]);

  useEffect(() => {
    const map = atlasRef.current?.map;
    if (map && styleLoaded) setCompanyLabels(map, buildCompanyMarkers(data.visibleCompanies));
  }, [data.visibleCompanies, styleLoaded]);

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
      aria-label="Map of companies and side-stream exchanges in Kalundborg, Holbæk and Odsherred"
    />
  );
}
