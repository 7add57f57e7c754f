import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import {
  type BasemapManifest,
  type RegionMunicipalityCode,
  regionMunicipalities,
} from '../domain/basemap.ts';
import { basemapPalette as palette } from './basemap-palette.ts';
import { fontStacks } from './fonts.ts';

/**
 * Ids of the basemap layers that other modules name: the label layers thematic (deck.gl) layers are slotted
 * beneath, so flows and markers sit above land and outlines but never hide place names, and the municipality
 * fill that tells which municipality a point on the map is in.
 */
export const basemapLayerIds = {
  municipalityFill: 'municipality-fill',
  municipalityLabels: 'municipality-labels',
  placeLabels: 'place-labels',
} as const;

/** The first label layer of a style: interleaved deck.gl layers go just below it. */
export function firstLabelLayerId(style: StyleSpecification): string | undefined {
  return style.layers.find((layer) => layer.type === 'symbol')?.id;
}

export interface BasemapStyleOptions {
  manifest: BasemapManifest;
  /** Turns the manifest's same-origin paths into absolute URLs (MapLibre's workers need absolute URLs). */
  resolveUrl: (path: string) => string;
}

const regionCodes = regionMunicipalities.map((m) => m.code);

function byRegionCode(
  values: Record<RegionMunicipalityCode, string>,
  fallback: string,
): ExpressionSpecification {
  return [
    'match',
    ['get', 'komkode'],
    '0326',
    values['0326'],
    '0316',
    values['0316'],
    '0306',
    values['0306'],
    fallback,
  ];
}

const isRegion: ExpressionSpecification = ['in', ['get', 'komkode'], ['literal', regionCodes]];

function municipalityLayers(): LayerSpecification[] {
  const touchesRegion: ExpressionSpecification = ['==', ['get', 'region'], true];
  return [
    {
      // The areas are clipped to the land at build time, so the tint ends at the drawn coast at every zoom.
      id: basemapLayerIds.municipalityFill,
      type: 'fill',
      source: 'municipalities',
      filter: isRegion,
      paint: {
        'fill-color': byRegionCode(palette.regionFill, palette.land),
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.75, 13, 0.45],
      },
    },
    {
      id: 'municipality-border',
      type: 'line',
      source: 'municipality-borders',
      filter: ['!', touchesRegion],
      paint: { 'line-color': palette.municipalityLine, 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'municipality-border-region',
      type: 'line',
      source: 'municipality-borders',
      filter: touchesRegion,
      paint: {
        'line-color': palette.municipalityLineRegion,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 12, 2.2],
      },
    },
  ];
}

function municipalityLabelLayer(): LayerSpecification {
  return {
    id: basemapLayerIds.municipalityLabels,
    type: 'symbol',
    source: 'municipality-labels',
    // Neighbouring municipalities are context only: named from closer in, and quietly.
    filter: ['any', isRegion, ['>=', ['zoom'], 9.5]],
    layout: {
      'text-field': ['upcase', ['get', 'name']],
      'text-font': [...fontStacks.bold],
      'text-size': [
        'interpolate',
        ['linear'],
        ['zoom'],
        8,
        ['case', isRegion, 13, 10],
        12,
        ['case', isRegion, 20, 14],
      ],
      'text-letter-spacing': 0.12,
      'text-max-width': 12,
      'symbol-sort-key': ['case', isRegion, 0, 1],
    },
    paint: {
      'text-color': byRegionCode(palette.regionLabel, palette.otherMunicipalityLabel),
      'text-halo-color': palette.halo,
      'text-halo-width': 1.5,
      'text-opacity': ['case', isRegion, 0.9, 0.8],
    },
  };
}

function placeLayers(): LayerSpecification[] {
  const isTown: ExpressionSpecification = ['==', ['get', 'kind'], 'town'];
  return [
    {
      id: 'place-dots',
      type: 'circle',
      source: 'places',
      filter: isTown,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2, 12, 4],
        'circle-color': palette.placeDot,
        'circle-stroke-color': palette.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: basemapLayerIds.placeLabels,
      type: 'symbol',
      source: 'places',
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [
          'case',
          isTown,
          ['literal', [...fontStacks.regular]],
          ['literal', [...fontStacks.italic]],
        ],
        // Bigger towns first when labels compete for space.
        'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'population'], 0]],
        'text-size': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8,
          ['step', ['coalesce', ['get', 'population'], 0], 10, 10000, 12],
          12,
          ['step', ['coalesce', ['get', 'population'], 0], 13, 10000, 16],
        ],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': ['case', isTown, 0.6, 0],
        'text-justify': 'auto',
      },
      paint: {
        'text-color': ['case', isTown, palette.placeText, palette.waterText],
        'text-halo-color': palette.halo,
        'text-halo-width': 1.4,
      },
    },
  ];
}

/**
 * The offline basemap as a MapLibre style: every source is the app's own GeoJSON, and nothing names a tile,
 * glyph or sprite server. With no `glyphs` URL MapLibre draws the labels from the page's own font (fonts.ts).
 */
export function buildBasemapStyle({ manifest, resolveUrl }: BasemapStyleOptions): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    land: { type: 'geojson', data: resolveUrl(manifest.land) },
    shoreline: { type: 'geojson', data: resolveUrl(manifest.shoreline) },
    lakes: { type: 'geojson', data: resolveUrl(manifest.lakes) },
    places: { type: 'geojson', data: resolveUrl(manifest.places) },
  };
  sources.municipalities = { type: 'geojson', data: resolveUrl(manifest.municipalities.areas) };
  sources['municipality-borders'] = { type: 'geojson', data: resolveUrl(manifest.municipalities.borders) };
  sources['municipality-labels'] = { type: 'geojson', data: resolveUrl(manifest.municipalities.labels) };

  const layers: LayerSpecification[] = [
    { id: 'sea', type: 'background', paint: { 'background-color': palette.sea } },
    { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': palette.land } },
    ...municipalityLayers(),
    { id: 'lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': palette.lake } },
    {
      id: 'coastline',
      type: 'line',
      source: 'shoreline',
      paint: {
        'line-color': palette.coast,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 13, 1.4],
      },
    },
    // Municipality names come last: MapLibre places the topmost layer's labels first, and the three
    // municipality names matter more than any one town's.
    ...placeLayers(),
    municipalityLabelLayer(),
  ];

  return {
    version: 8,
    name: 'Symbiosis Atlas basemap',
    sources,
    layers,
  };
}
