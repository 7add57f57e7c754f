import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre 6 looks for its worker beside its own module, which a bundle does not have: let Vite build the
// worker (with the chunk it imports) and tell MapLibre where it went.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { type BasemapManifest, basemapExtent, regionBounds } from '../domain/basemap.ts';
import { buildBasemapStyle, firstLabelLayerId } from './basemap-style.ts';

export interface AtlasMap {
  map: MapLibreMap;
  /** deck.gl drawn into MapLibre's own WebGL context, so flows can sit between basemap layers and labels. */
  overlay: MapLibreOverlay;
  /** The basemap layer that thematic layers go beneath, so place names stay on top. */
  labelBeforeId: string | undefined;
  /** Hands deck.gl the thematic layers (each with its `beforeId`). */
  setLayers(layers: Layer[]): void;
  remove(): void;
}

export interface CreateAtlasMapOptions {
  container: HTMLElement;
  manifest: BasemapManifest;
  origin: string;
  /** Where to open (e.g. from a shared link); otherwise framed on the three municipalities. */
  camera?: { lon: number; lat: number; zoom: number } | null;
  /** Called at every `idle`: the map has finished loading and drawing what it should show. */
  onIdle?: () => void;
  onError?: (error: { message: string }) => void;
}

setWorkerUrl(maplibreWorkerUrl);

export function createAtlasMap({
  container,
  manifest,
  origin,
  camera,
  onIdle,
  onError,
}: CreateAtlasMapOptions): AtlasMap {
  const style = buildBasemapStyle({ manifest, resolveUrl: (path) => `${origin}${path}` });
  const map = new MapLibreMap({
    container,
    style,
    ...(camera
      ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom }
      : { bounds: regionBounds, fitBoundsOptions: { padding: 32 } }),
    // The basemap stops at the coastline box: panning past it would only show empty sea.
    maxBounds: basemapExtent,
    minZoom: 7,
    maxZoom: 15,
    attributionControl: false,
    // Glyphs for Latin text come from our own files; other scripts are drawn with the system's fonts.
    localIdeographFontFamily: 'sans-serif',
  });

  map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  map.addControl(new AttributionControl({ compact: false, customAttribution: manifest.attribution }));

  const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
  map.addControl(overlay);

  // deck.gl slots an interleaved layer beneath its `beforeId` only while the style is wholly loaded (no source
  // still loading); layers handed over before that are drawn over the whole map, labels included. So at
  // every idle, layers that are not yet in their slot are handed over again (as new instances: deck.gl
  // takes a layer object once).
  let layers: Layer[] = [];
  const setLayers = (next: Layer[]) => {
    layers = next;
    overlay.setProps({ layers });
  };
  const slotted = (layer: Layer) => {
    const { beforeId } = layer.props as { beforeId?: string };
    return !beforeId || map.getLayer(`deck-maplibre-layer-group-before:${beforeId}`) !== undefined;
  };
  map.on('idle', () => {
    if (!layers.every(slotted)) setLayers(layers.map((layer) => layer.clone({})));
  });
  if (onIdle) map.on('idle', onIdle);
  if (onError) map.on('error', (event) => onError(event.error));

  return {
    map,
    overlay,
    labelBeforeId: firstLabelLayerId(style),
    setLayers,
    remove: () => map.remove(),
  };
}
