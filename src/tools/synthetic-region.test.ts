import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon, distance } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDataset, parseDataset } from '../domain/dataset-validation.ts';
import {
  type CompanyCollection,
  CompanyCollectionSchema,
  type Dataset,
  ID_PATTERN,
  type Resource,
} from '../domain/schema.ts';
import { DEFAULT_GEODATA_DIR } from '../server/storage/dataset-files.ts';
import {
  biggestLandPolygon,
  KNOWN_QUANTITY_SHARE,
  LATEST_YEAR,
  type LandCollection,
  mulberry32,
  syntheticDataset,
} from './synthetic-region.ts';

function readGeodata<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(DEFAULT_GEODATA_DIR, file), 'utf8')) as T;
}

const land = readGeodata<LandCollection>('land.raw.geojson');
const resources = readGeodata<Resource[]>('resources.json');
const reference = readGeodata<CompanyCollection>('companies.geojson');

function region(companies: number, seed = 42): Dataset {
  return syntheticDataset({ companies, seed, land, resources, reference });
}

describe('mulberry32', () => {
  it('is deterministic for a seed, differs between seeds and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = first.reduce((sum, x) => sum + x, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('biggestLandPolygon', () => {
  it('is Zealand: it holds Ringsted and Copenhagen but not Funen (Odense)', () => {
    const zealand = biggestLandPolygon(land);
    expect(booleanPointInPolygon([11.79, 55.44], zealand)).toBe(true);
    expect(booleanPointInPolygon([12.5, 55.7], zealand)).toBe(true);
    expect(booleanPointInPolygon([10.39, 55.4], zealand)).toBe(false);
  });
});

describe('a synthetic region', () => {
  let dataset: Dataset;
  beforeAll(() => {
    dataset = region(1500);
  });

  it('is the same for the same seed and different for another', () => {
    expect(region(50)).toEqual(region(50));
    expect(region(50, 43).companies.features[0]).not.toEqual(region(50).companies.features[0]);
  });

  it('passes the schema and every dataset rule', () => {
    expect(CompanyCollectionSchema.safeParse(dataset.companies).success).toBe(true);
    const parsed = parseDataset(JSON.parse(JSON.stringify({ ...dataset, places: undefined })));
    expect(parsed.problems).toEqual([]);
    if (!parsed.dataset) throw new Error('does not parse');
    expect(checkDataset(parsed.dataset, { currentYear: LATEST_YEAR })).toEqual([]);
  });

  it('has the requested number of companies with unique kebab-case ids, public and sourced', () => {
    const companies = dataset.companies.features.map((f) => f.properties);
    expect(companies).toHaveLength(1500);
    expect(new Set(companies.map((c) => c.id)).size).toBe(1500);
    const streams = companies.flatMap((c) => c.streams);
    expect(new Set(streams.map((s) => s.id)).size).toBe(streams.length);
    for (const record of [...companies, ...streams]) {
      expect(record.id).toMatch(ID_PATTERN);
      expect(record.visibility).toBe('public');
      expect(record.source.length).toBeGreaterThan(0);
    }
    expect(streams.every((s) => s.verification === 'estimate')).toBe(true);
  });

  it('puts every company on Zealand’s land, never in the sea', () => {
    const zealand = biggestLandPolygon(land);
    for (const feature of dataset.companies.features) {
      expect(booleanPointInPolygon(feature.geometry.coordinates, zealand)).toBe(true);
    }
  });

  it('spreads companies over the island, with a cluster at Kalundborg', () => {
    const positions = dataset.companies.features.map((f) => f.geometry.coordinates);
    const lons = positions.map(([lon]) => lon);
    expect(Math.min(...lons)).toBeLessThan(11.2);
    expect(Math.max(...lons)).toBeGreaterThan(12.3);
    const nearKalundborg = positions.filter((p) => distance(p, [11.09, 55.68]) < 10).length;
    expect(nearKalundborg / positions.length).toBeGreaterThan(0.05);
  });

  it('gives each company 1–6 streams of known resources, each resource at most once per direction', () => {
    const resourceIds = new Set(resources.map((r) => r.id));
    for (const { properties } of dataset.companies.features) {
      expect(properties.streams.length).toBeGreaterThanOrEqual(1);
      expect(properties.streams.length).toBeLessThanOrEqual(6);
      const keys = properties.streams.map((s) => `${s.direction}|${s.resourceId}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const stream of properties.streams) expect(resourceIds.has(stream.resourceId)).toBe(true);
    }
  });

  it('mixes known and unknown quantities, all in the resource’s canonical unit', () => {
    const unitOf = new Map(resources.map((r) => [r.id, r.canonicalUnit]));
    const streams = dataset.companies.features.flatMap((f) => f.properties.streams);
    const known = streams.filter((s) => s.quantity.value !== null);
    expect(known.length / streams.length).toBeGreaterThan(KNOWN_QUANTITY_SHARE - 0.05);
    expect(known.length / streams.length).toBeLessThan(KNOWN_QUANTITY_SHARE + 0.05);
    for (const stream of streams) expect(stream.quantity.unit).toBe(unitOf.get(stream.resourceId));
    expect(known.every((s) => (s.quantity.value ?? 0) > 0)).toBe(true);
  });

  it('links a few companies by exchanges within the resource’s transport distance', () => {
    expect(dataset.exchanges.length).toBeGreaterThan(0);
    const position = new Map(
      dataset.companies.features.map((f) => [f.properties.id, f.geometry.coordinates]),
    );
    const maxKm = new Map(resources.map((r) => [r.id, r.maxTransportKm]));
    for (const exchange of dataset.exchanges) {
      const from = position.get(exchange.from);
      const to = position.get(exchange.to);
      if (!from || !to) throw new Error(`exchange ${exchange.id} refers to a missing company`);
      expect(distance(from, to)).toBeLessThanOrEqual(maxKm.get(exchange.resourceId) ?? 0);
    }
  });
});
