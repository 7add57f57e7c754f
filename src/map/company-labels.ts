import type {
  ColorSpecification,
  DataDrivenPropertyValueSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, SymbolLayerSpecification } from 'maplibre-gl';
import { fontStacks } from './fonts.ts';
import type { LonLat } from './layers/flow-paths.ts';

const sourceId = 'company-labels';
export const companyLabelLayerId = 'company-labels';
export const clusterLabelLayerId = 'cluster-labels';
export const clusterCountLayerId = 'cluster-counts';

/** A name on the map for a node: a company, or a cluster ("Kalundborg · 21 companies") with its count. */
export interface NodeLabel {
  id: string;
  kind: 'company' | 'cluster';
  position: LonLat;
  text: string;
  /** A cluster's member count: written in its ring, and it ranks the label. */
  count?: number;
  radiusPx: number;
  /** The selected node's label always wins a collision. */
  selected: boolean;
}

const TEXT = '#1B2A33';
const SELECTED_TEXT = '#7A4F00';

const byImportance: ['-', number, ['get', string]] = ['-', 0, ['get', 'importance']];

/**
 * Node names are MapLibre symbols rather than deck.gl text: they take part in MapLibre's label collision
 * with town names and with each other, so no two overlap; the lesser label is hidden, the selected one
 * wins. Company names show from zoom 10.5, where the harbour starts to separate; cluster names always.
 * They go beneath `beforeLayerId` (the municipality names), which MapLibre then places first.
 */
export function addCompanyLabels(map: MapLibreMap, beforeLayerId?: string): void {
  if (map.getSource(sourceId)) return;
  map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const text: SymbolLayerSpecification['layout'] = {
    'text-field': ['get', 'text'],
    'text-font': [...fontStacks.regular],
    'text-max-width': 10,
    'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
    'text-radial-offset': ['get', 'offsetEm'],
    'text-justify': 'auto',
    'symbol-sort-key': byImportance,
  };
  // The selected node's name in the selection's dark shade. Colour from the data also lets these layers
  // share the basemap's label program (its labels are coloured by kind): one shader compile fewer.
  const textColour: DataDrivenPropertyValueSpecification<ColorSpecification> = [
    'case',
    ['get', 'selected'],
    SELECTED_TEXT,
    TEXT,
  ];
  const paint = { 'text-color': textColour, 'text-halo-color': '#FFFFFF', 'text-halo-width': 1.6 };
  map.addLayer(
    {
      id: clusterLabelLayerId,
      type: 'symbol',
      source: sourceId,
      filter: ['==', ['get', 'kind'], 'cluster'],
      layout: { ...text, 'text-size': 12.5, 'text-font': [...fontStacks.bold] },
      paint,
    },
    beforeLayerId,
  );
  // The count in the middle of a cluster's ring: always drawn (the ring is), and it keeps names off itself
  // (it is placed before the cluster names, which sit beneath it). A MapLibre symbol rather than deck.gl
  // text, which would cost the first map one more shader program.
  map.addLayer(
    {
      id: clusterCountLayerId,
      type: 'symbol',
      source: sourceId,
      filter: ['==', ['get', 'kind'], 'cluster'],
      layout: {
        'text-field': ['to-string', ['get', 'count']],
        'text-font': [...fontStacks.bold],
        'text-size': ['case', ['>=', ['get', 'count'], 100], 12, 14],
        'text-allow-overlap': true,
      },
      paint: { 'text-color': textColour },
    },
    beforeLayerId,
  );
  map.addLayer(
    {
      id: companyLabelLayerId,
      type: 'symbol',
      source: sourceId,
      minzoom: 10.5,
      filter: ['==', ['get', 'kind'], 'company'],
      layout: { ...text, 'text-size': 12 },
      paint,
    },
    beforeLayerId,
  );
}

export function setCompanyLabels(map: MapLibreMap, labels: readonly NodeLabel[]): void {
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) return;
  const data: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: labels.map((label) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: label.position },
      properties: {
        id: label.id,
        kind: label.kind,
        text: label.text,
        count: label.count ?? null,
        selected: label.selected,
        // Selected first, then clusters by size, then companies by marker size.
        importance: label.selected
          ? 1e6
          : label.kind === 'cluster'
            ? 1000 + (label.count ?? 0)
            : label.radiusPx,
        offsetEm: label.radiusPx / 12 + 0.5,
      },
    })),
  };
  source.setData(data);
}
