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
import { basemapLayerIds, buildBasemapStyle, firstLabelLayerId } from './basemap-style.ts';
import { addCompanyLabels, type NodeLabel, setCompanyLabels } from './company-labels.ts';
import type { AtlasLayerInput } from './layers/thematic-features.ts';
import { addThematicLayers, type PickedFeature, type ThematicLayers } from './thematic-layers.ts';

export interface AtlasMap {
  map: MapLibreMap;
  /** The basemap layer that thematic layers go beneath, so place names stay on top. */
  labelBeforeId: string | undefined;
  /** What the thematic layers draw; kept until the style has loaded if it has not yet. */
  setLayerInput(input: AtlasLayerInput): void;
  /** Names of companies and clusters, placed by MapLibre with the basemap's labels. */
  setNodeLabels(labels: readonly NodeLabel[]): void;
  /** The company, cluster or flow under a point of the map's canvas, if any. */
  pick(point: { x: number; y: number }): PickedFeature | null;
  setHovered(picked: PickedFeature | null): void;
  /** The code of the municipality drawn at a point, from the basemap's fills (null outside the three). */
  municipalityAt(lon: number, lat: number): string | null;
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

  const labelBeforeId = firstLabelLayerId(style);
  // Until the style has loaded, the latest data waits here. The thematic sources are added as soon as the
  // style is parsed (not at `load`, after the basemap's first complete frame), so their data is tiled in
  // the worker while the basemap's tiles are.
  let thematic: ThematicLayers | null = null;
  let pendingInput: AtlasLayerInput | null = null;
  let pendingLabels: readonly NodeLabel[] | null = null;
  map.once('style.load', () => {
    thematic = addThematicLayers(map, labelBeforeId);
    addCompanyLabels(map, basemapLayerIds.municipalityLabels);
    if (pendingInput) thematic.setData(pendingInput);
    if (pendingLabels) setCompanyLabels(map, pendingLabels);
  });

  if (onIdle) map.on('idle', onIdle);
  if (onError) map.on('error', (event) => onError(event.error));

  return {
    map,
    labelBeforeId,
    setLayerInput(input) {
      pendingInput = input;
      thematic?.setData(input);
    },
    setNodeLabels(labels) {
      pendingLabels = labels;
      if (thematic) setCompanyLabels(map, labels);
    },
    pick: (point) => thematic?.pick(point) ?? null,
    setHovered: (picked) => thematic?.setHovered(picked),
    municipalityAt(lon, lat) {
      const layers = [basemapLayerIds.municipalityFill];
      if (!map.getLayer(layers[0] ?? '')) return null;
      const code = map.queryRenderedFeatures(map.project([lon, lat]), { layers })[0]?.properties.komkode;
      return typeof code === 'string' ? code : null;
    },
    remove: () => map.remove(),
  };
}
