import type { FeatureCollection, Point } from 'geojson';
import type { PlaceEntry } from './places-list.ts';

export interface PlaceProperties {
  id: string;
  name: string;
  kind: PlaceEntry['kind'];
  municipality: string;
  accuracyKm: number;
  population: number | null;
  populationYear: number | null;
  source: string;
}

/** Place labels as GeoJSON. Properties stay flat because MapLibre expressions read them directly. */
export function placesToGeoJson(entries: readonly PlaceEntry[]): FeatureCollection<Point, PlaceProperties> {
  const features = [...entries]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry) => ({
      type: 'Feature' as const,
      id: entry.id,
      properties: {
        id: entry.id,
        name: entry.name,
        kind: entry.kind,
        municipality: entry.municipality,
        accuracyKm: entry.accuracyKm,
        population: entry.population?.count ?? null,
        populationYear: entry.population?.year ?? null,
        source: entry.population ? `${entry.source}; population: ${entry.population.source}` : entry.source,
      },
      geometry: { type: 'Point' as const, coordinates: [entry.lon, entry.lat] },
    }));
  return { type: 'FeatureCollection', features };
}
