import { readFile } from 'node:fs/promises';
import { rewind } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { regionMunicipalities } from '../../domain/basemap.ts';
import { roundGeometry } from './geojson-utils.ts';

export interface MunicipalityProperties {
  komkode: string;
  name: string;
  /** One of the secretariat's three municipalities. */
  region: boolean;
}

export interface MunicipalityLayers {
  outlines: FeatureCollection<Polygon | MultiPolygon, MunicipalityProperties>;
  labels: FeatureCollection<Point, MunicipalityProperties>;
}

export class DagiInputError extends Error {}

const regionCodes = new Set<string>(regionMunicipalities.map((m) => m.code));

function isPolygonal(feature: Feature): feature is Feature<Polygon | MultiPolygon> {
  return feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Shoelace area in squared degrees: only used to rank a municipality's parts, so no projection is needed. */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += (xj - xi) * (yj + yi);
  }
  return Math.abs(sum / 2);
}

/**
 * DAGI outlines as the basemap draws them, and one label point per municipality. DAGI stores islands as
 * separate features; the label goes on the pole of inaccessibility of the largest part (the mainland), so
 * it never lands in the sea or on a small island.
 */
export function deriveMunicipalityLayers(dagi: FeatureCollection): MunicipalityLayers {
  const outlines: Feature<Polygon | MultiPolygon, MunicipalityProperties>[] = [];
  const largestPart = new Map<string, { area: number; polygon: Position[][]; name: string }>();

  for (const [index, feature] of dagi.features.entries()) {
    const komkode = feature.properties?.komkode;
    const name = feature.properties?.komnavn;
    if (typeof komkode !== 'string' || typeof name !== 'string') {
      throw new DagiInputError(`feature ${index} lacks the string properties komkode and komnavn`);
    }
    if (!isPolygonal(feature)) {
      throw new DagiInputError(`feature ${index} (${name}) is not a Polygon or MultiPolygon`);
    }
    const properties = { komkode, name, region: regionCodes.has(komkode) };
    const geometry = roundGeometry(rewind(feature.geometry, { reverse: false }) as Polygon | MultiPolygon);
    outlines.push({ type: 'Feature', properties, geometry });

    for (const polygon of polygonsOf(feature.geometry)) {
      const area = ringArea(polygon[0] ?? []);
      const current = largestPart.get(komkode);
      if (!current || area > current.area) largestPart.set(komkode, { area, polygon, name });
    }
  }

  const labels = [...largestPart.entries()].map(([komkode, part]): Feature<Point, MunicipalityProperties> => {
    const rings = part.polygon.map((ring) => ring.map(([x = 0, y = 0]): [number, number] => [x, y]));
    const [lon = 0, lat = 0] = polylabel(rings, 0.0005);
    return {
      type: 'Feature',
      properties: { komkode, name: part.name, region: regionCodes.has(komkode) },
      geometry: roundGeometry({ type: 'Point', coordinates: [lon, lat] }),
    };
  });

  const byCode = (a: { properties: MunicipalityProperties }, b: { properties: MunicipalityProperties }) =>
    a.properties.komkode.localeCompare(b.properties.komkode);
  outlines.sort(byCode);
  labels.sort(byCode);
  return {
    outlines: { type: 'FeatureCollection', features: outlines },
    labels: { type: 'FeatureCollection', features: labels },
  };
}

export async function readDagi(file: string): Promise<FeatureCollection> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DagiInputError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { type?: unknown }).type !== 'FeatureCollection' ||
    !Array.isArray((parsed as { features?: unknown }).features)
  ) {
    throw new DagiInputError(`${file} is not a GeoJSON FeatureCollection`);
  }
  return parsed as FeatureCollection;
}
