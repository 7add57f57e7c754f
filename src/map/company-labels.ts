import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { fontStacks } from './fonts.ts';
import type { CompanyMarker } from './layers/company-markers.ts';

const sourceId = 'company-labels';
export const companyLabelLayerId = 'company-labels';

/**
 * Company names are MapLibre symbols rather than deck.gl text: they then take part in MapLibre's label
 * collision with town names and never overlap them. Shown from zoom 10.5, where the cluster around
 * Kalundborg harbour starts to separate.
 */
export function addCompanyLabels(map: MapLibreMap): void {
  if (map.getSource(sourceId)) return;
  map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: companyLabelLayerId,
    type: 'symbol',
    source: sourceId,
    minzoom: 10.5,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [...fontStacks.regular],
      'text-size': 12,
      'text-max-width': 10,
      'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
      'text-radial-offset': ['get', 'offsetEm'],
      'text-justify': 'auto',
      'symbol-sort-key': ['-', 0, ['get', 'radiusPx']],
    },
    paint: { 'text-color': '#1B2A33', 'text-halo-color': '#FFFFFF', 'text-halo-width': 1.6 },
  });
}

export function setCompanyLabels(map: MapLibreMap, markers: readonly CompanyMarker[]): void {
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) return;
  const data: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: markers.map((marker) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: marker.position },
      properties: {
        id: marker.id,
        name: marker.name,
        radiusPx: marker.radiusPx,
        offsetEm: marker.radiusPx / 12 + 0.5,
      },
    })),
  };
  source.setData(data);
}
