/**
 * Checks the committed coastline files. Needs no GMT: CI reads what `coastline.cli.ts` wrote.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanClockwise, booleanPointInPolygon, kinks, point, pointToPolygonDistance } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { basemapExtent } from '../../domain/basemap.ts';

const geodataDir = fileURLToPath(new URL('../../../geodata/', import.meta.url));
const files = ['land.geojson', 'land.raw.geojson', 'lakes.geojson'] as const;
const maxBytes = 1.5 * 1024 * 1024;

function readCollection(file: string): FeatureCollection<Polygon> {
  return JSON.parse(readFileSync(`${geodataDir}${file}`, 'utf8')) as FeatureCollection<Polygon>;
}

const rawLand = readCollection('land.raw.geojson');

function onLand(position: Position): boolean {
  return rawLand.features.some((feature) => booleanPointInPolygon(point(position), feature));
}

function metresToLand(position: Position): number {
  return Math.min(
    ...rawLand.features.map((feature: Feature<Polygon>) =>
      Math.max(0, pointToPolygonDistance(point(position), feature, { units: 'meters' })),
    ),
  );
}

describe('land.raw.geojson places', () => {
  it.each([
    ['Kalundborg', [11.0886, 55.6795]],
    ['Holbæk', [11.7167, 55.7167]],
    ['Nykøbing Sjælland', [11.671, 55.925]],
    ['Sejerø', [11.15, 55.88]],
    // GSHHG (and GMT) keep the reclaimed Lammefjord as land.
    ['Lammefjord', [11.5, 55.78]],
  ] satisfies [string, Position][])('%s is on land', (_name, position) => {
    expect(onLand(position)).toBe(true);
  });

  it.each([
    ['Sejerø Bugt off Kalundborg Fjord', [11.0, 55.75]],
    ['Isefjord', [11.85, 55.8]],
  ] satisfies [string, Position][])('%s is at sea', (_name, position) => {
    expect(onLand(position)).toBe(false);
  });

  it('puts Asnæs Power Station on the shoreline', () => {
    // The plant sits on the fjord shore; GSHHG's raster-traced coast runs about 55 m inland of its
    // coordinates, so the point is just offshore in the data. Anything that needs it on land must snap.
    expect(metresToLand([11.0809, 55.6615])).toBeLessThan(150);
  });
});

describe.each(files)('%s', (file) => {
  const collection = readCollection(file);
  const [west, south, east, north] = basemapExtent;

  it('is well under 1.5 MB', () => {
    expect(statSync(`${geodataDir}${file}`).size).toBeLessThan(maxBytes);
  });

  it('is a FeatureCollection of polygons with a kind', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBeGreaterThan(0);
    for (const feature of collection.features) {
      expect(feature.geometry.type).toBe('Polygon');
      expect(feature.properties?.kind).toBe(file.startsWith('lakes') ? 'lake' : 'land');
    }
  });

  it('has closed rings wound by the RFC 7946 right-hand rule', () => {
    for (const feature of collection.features) {
      feature.geometry.coordinates.forEach((ring, i) => {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1]).toEqual(ring[0]);
        expect(booleanClockwise(ring)).toBe(i > 0);
      });
    }
  });

  it('has no self-intersecting rings', () => {
    for (const feature of collection.features) expect(kinks(feature).features).toEqual([]);
  });

  it('keeps every coordinate inside the box, rounded to 5 decimals', () => {
    for (const feature of collection.features) {
      for (const [lon, lat] of feature.geometry.coordinates.flat()) {
        expect(lon).toBeGreaterThanOrEqual(west);
        expect(lon).toBeLessThanOrEqual(east);
        expect(lat).toBeGreaterThanOrEqual(south);
        expect(lat).toBeLessThanOrEqual(north);
        expect(Math.round((lon as number) * 1e5) / 1e5).toBe(lon);
        expect(Math.round((lat as number) * 1e5) / 1e5).toBe(lat);
      }
    }
  });
});

describe('lakes.geojson', () => {
  it('holds Arresø and nothing invented', () => {
    const lakes = readCollection('lakes.geojson');
    expect(lakes.features.map((feature) => feature.properties?.name)).toEqual(['Arresø']);
  });
});

describe('land.geojson', () => {
  it('has the same features as the raw file, only smoothed', () => {
    expect(readCollection('land.geojson').features).toHaveLength(rawLand.features.length);
  });
});
