// Geometric checks of the dataset: RFC 7946 details the schema cannot express, plausible extents (which catch
// swapped coordinates) and points inside their municipality.
import { booleanPointInPolygon } from '@turf/turf';
import { regionBounds, regionMunicipalities } from './basemap.ts';
import type { MunicipalityBoundaries } from './boundaries.ts';
import type { Bounds, Problem } from './dataset-problems.ts';
import { isCounterClockwise, type Position } from './geojson.ts';
import type { Dataset } from './schema.ts';

// ------------------------------------------------------------------------------------------------ geojson

export function checkGeoJson(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const collections = [
    ['companies', dataset.companies.features],
    ['places', dataset.places?.features ?? []],
  ] as const;
  for (const [part, features] of collections) {
    for (const feature of features) {
      const id = feature.properties.id;
      if (feature.id !== undefined && feature.id !== id) {
        problems.push({
          rule: 'geojson',
          path: `${part}[${id}].id`,
          message: `feature id "${feature.id}" differs from properties.id "${id}"`,
        });
      }
    }
  }
  for (const feature of dataset.places?.features ?? []) {
    const geometry = feature.geometry;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    polygons.forEach((rings, p) => {
      rings.forEach((ring, r) => {
        const path = `places[${feature.properties.id}].geometry.coordinates${geometry.type === 'MultiPolygon' ? `[${p}]` : ''}[${r}]`;
        problems.push(...checkRing(ring, r === 0, path));
      });
    });
  }
  return problems;
}

/** RFC 7946 §3.1.6: closed rings of ≥ 4 positions; exteriors counter-clockwise, holes clockwise. */
function checkRing(ring: readonly Position[], exterior: boolean, path: string): Problem[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4 || !first || !last) {
    return [{ rule: 'geojson', path, message: 'a linear ring needs at least 4 positions' }];
  }
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return [{ rule: 'geojson', path, message: 'a linear ring must end where it starts' }];
  }
  if (isCounterClockwise(ring) !== exterior) {
    const wanted = exterior ? 'counter-clockwise (exterior ring)' : 'clockwise (hole)';
    return [{ rule: 'geojson', path, message: `ring must be ${wanted} by the right-hand rule` }];
  }
  return [];
}

// ------------------------------------------------------------------------------------------------ bounds

interface LocatedPoint {
  path: string;
  name: string;
  position: Position;
  municipality: string | null;
}

function locatedPoints(dataset: Dataset): LocatedPoint[] {
  const companies = dataset.companies.features.map((f) => ({
    path: `companies[${f.properties.id}].geometry.coordinates`,
    name: f.properties.name,
    position: f.geometry.coordinates,
    municipality: f.properties.municipality,
  }));
  const places = (dataset.places?.features ?? []).flatMap((f) =>
    f.geometry.type === 'Point'
      ? [
          {
            path: `places[${f.properties.id}].geometry.coordinates`,
            name: f.properties.name,
            position: f.geometry.coordinates,
            municipality: f.properties.municipality,
          },
        ]
      : [],
  );
  return [...companies, ...places];
}

const REGION_CODES = new Set<string>(regionMunicipalities.map((m) => m.code));

export function checkBounds(dataset: Dataset, datasetBounds: Bounds): Problem[] {
  const problems: Problem[] = [];
  for (const point of locatedPoints(dataset)) {
    const inRegion = point.municipality !== null && REGION_CODES.has(point.municipality);
    const [bounds, area] = inRegion
      ? [regionBounds, `the three municipalities (its municipality is ${point.municipality})`]
      : [datasetBounds, "the dataset's extent (Europe)"];
    if (within(point.position, bounds)) continue;
    const [lon, lat] = point.position;
    const hint = within([lat, lon], bounds)
      ? ' — it looks like [latitude, longitude]; RFC 7946 wants [lon, lat]'
      : '';
    problems.push({
      rule: 'bounds',
      path: point.path,
      message: `${point.name} at [${lon}, ${lat}] lies outside ${area}${hint}`,
    });
  }
  return problems;
}

function within([lon, lat]: Position, [west, south, east, north]: Bounds): boolean {
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

// ------------------------------------------------------------------------------------------------ municipality

/**
 * Each point must lie in its stated municipality (the union of all boundary features with that komkode).
 * Codes the boundary file does not cover (e.g. Aalborg in a west-Zealand clip) can only be checked the other
 * way round: the point must not fall inside a municipality the file does cover.
 */
export function checkMunicipalities(dataset: Dataset, boundaries: MunicipalityBoundaries): Problem[] {
  const names = new Map<string, string>();
  for (const feature of boundaries.features) {
    const { komkode, name, komnavn } = feature.properties;
    names.set(komkode, name ?? komnavn ?? komkode);
  }
  const label = (code: string) => `${code} ${names.get(code) ?? ''}`.trim();
  const problems: Problem[] = [];
  for (const point of locatedPoints(dataset)) {
    const found = [...new Set(municipalitiesAt(boundaries, point.position))];
    const stated = point.municipality;
    const covered = stated !== null && names.has(stated);
    let message: string | null = null;
    if (covered && !found.includes(stated)) {
      const where =
        found.length > 0 ? `in ${found.map(label).join(', ')}` : 'outside every municipality (in the sea?)';
      message = `${point.name} should lie in ${label(stated)} but lies ${where}`;
    } else if (!covered && found.length > 0) {
      const claim = stated === null ? 'has no municipality' : `says municipality ${stated}`;
      message = `${point.name} ${claim} but lies in ${found.map(label).join(', ')}`;
    }
    if (message) problems.push({ rule: 'municipality', path: point.path, message });
  }
  return problems;
}

/** Every outline holding the point (more than one only where outlines overlap, which the checks report). */
export function municipalitiesAt(boundaries: MunicipalityBoundaries, position: [number, number]): string[] {
  return boundaries.features
    .filter((feature) => booleanPointInPolygon(position, feature.geometry))
    .map((feature) => feature.properties.komkode);
}

/**
 * The municipality a point lies in, from the committed outlines (DAGI, clipped to the land): its komkode, or
 * null outside every outline they hold (the sea, or a part of Denmark the clip leaves out).
 */
export function municipalityAt(boundaries: MunicipalityBoundaries, lon: number, lat: number): string | null {
  return municipalitiesAt(boundaries, [lon, lat])[0] ?? null;
}
