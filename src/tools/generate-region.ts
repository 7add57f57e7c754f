// `npm run gen -- --companies 10000 [--exchanges N] [--seed 42] [--data-dir DIR] [--force]`: a synthetic region as a scratch
// SQLite database that the server serves as it is (`DATA_DIR=DIR npm start`). The generation itself is pure
// and lives in synthetic-region.ts; this file reads geodata/, validates and writes.
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { checkDataset, parseDataset } from '../domain/dataset-validation.ts';
import type { CompanyCollection, Dataset, Resource } from '../domain/schema.ts';
import {
  DATASET_FILES,
  DEFAULT_GEODATA_DIR,
  readMunicipalityBoundaries,
} from '../server/storage/dataset-files.ts';
import { SqliteStore } from '../server/storage/sqlite-store.ts';
import {
  LATEST_YEAR,
  type LandCollection,
  type RegionOptions,
  syntheticDataset,
} from './synthetic-region.ts';

export interface GenerationInputs {
  land: LandCollection;
  resources: Resource[];
  reference: CompanyCollection;
  municipalityAt?: (lon: number, lat: number) => string | null;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/**
 * The committed land, resources, seed companies and municipality areas (from DAGI), so that a synthetic
 * company's municipality is its real one rather than its nearest town's.
 */
export async function readGenerationInputs(
  geodataDir: string = DEFAULT_GEODATA_DIR,
): Promise<GenerationInputs> {
  const [land, resources, reference] = await Promise.all([
    readJson<LandCollection>(path.join(geodataDir, 'land.raw.geojson')),
    readJson<Resource[]>(path.join(geodataDir, DATASET_FILES.resources)),
    readJson<CompanyCollection>(path.join(geodataDir, DATASET_FILES.companies)),
  ]);
  const dagi = path.join(geodataDir, 'municipalities.geojson');
  if (!existsSync(dagi)) return { land, resources, reference };
  const boundaries = await readMunicipalityBoundaries(dagi);
  const areas = boundaries.features.map((feature) => ({
    code: feature.properties.komkode,
    geometry: feature.geometry as Polygon | MultiPolygon,
  }));
  const municipalityAt = (lon: number, lat: number) =>
    areas.find((a) => booleanPointInPolygon([lon, lat], a.geometry))?.code ?? null;
  return { land, resources, reference, municipalityAt };
}

/** Schema and every dataset rule, as the server's own seed gets them: a bad synthetic region is a bug here. */
export function assertValid(dataset: Dataset): void {
  const raw = { ...dataset, places: undefined };
  const parsed = parseDataset(JSON.parse(JSON.stringify(raw)));
  const problems = parsed.dataset
    ? [...parsed.problems, ...checkDataset(parsed.dataset, { currentYear: LATEST_YEAR })]
    : parsed.problems;
  if (problems.length > 0) {
    const listed = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    throw new Error(`the synthetic region does not validate:\n  ${listed.join('\n  ')}`);
  }
}

export interface WriteRegionOptions {
  companies: number;
  /** How many exchanges (see RegionOptions); default one per 100 companies. */
  exchanges?: number;
  seed: number;
  dataDir: string;
  /** Replace a database already in dataDir (the store never reseeds an existing one). */
  force?: boolean;
  inputs?: GenerationInputs;
}

export interface WrittenRegion {
  dataDir: string;
  companies: number;
  streams: number;
  exchanges: number;
  /** Ids of the first companies, for benchmarks and smoke tests that need real ids to ask about. */
  sampleCompanyIds: string[];
  generateMs: number;
  writeMs: number;
}

const DATABASE_FILES = ['atlas.sqlite', 'atlas.sqlite-wal', 'atlas.sqlite-shm'];

export async function writeSyntheticRegion(options: WriteRegionOptions): Promise<WrittenRegion> {
  const database = path.join(options.dataDir, 'atlas.sqlite');
  if (existsSync(database)) {
    if (!options.force) {
      throw new Error(`${database} exists; the server would keep its data. Pass --force to replace it.`);
    }
    for (const file of DATABASE_FILES) rmSync(path.join(options.dataDir, file), { force: true });
  }
  const inputs = options.inputs ?? (await readGenerationInputs());
  const started = performance.now();
  const regionOptions: RegionOptions = {
    companies: options.companies,
    ...(options.exchanges === undefined ? {} : { exchanges: options.exchanges }),
    seed: options.seed,
    ...inputs,
  };
  const dataset = syntheticDataset(regionOptions);
  assertValid(dataset);
  const generated = performance.now();
  // Generating a region is the explicit command to create a database here (the server itself never seeds
  // a directory that held one).
  const store = await SqliteStore.open({
    dataDir: options.dataDir,
    seed: async () => dataset,
    explicitSeed: true,
  });
  await store.close();
  const features = dataset.companies.features;
  return {
    dataDir: options.dataDir,
    companies: features.length,
    streams: features.reduce((sum, f) => sum + f.properties.streams.length, 0),
    exchanges: dataset.exchanges.length,
    sampleCompanyIds: features.slice(0, 200).map((f) => f.properties.id),
    generateMs: generated - started,
    writeMs: performance.now() - generated,
  };
}

function parseCount(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be an integer ≥ 0, got "${raw}"`);
  return value;
}

/** Relative when inside the working directory (shorter to copy), absolute otherwise. */
function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative || '.';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string', default: '10000' },
      exchanges: { type: 'string' },
      seed: { type: 'string', default: '42' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const companies = parseCount(values.companies, 'companies', 10_000);
  const seed = parseCount(values.seed, 'seed', 42);
  const dataDir = path.resolve(
    values['data-dir'] ?? path.join('data', `synthetic-${companies}-seed-${seed}`),
  );
  const exchanges = values.exchanges === undefined ? undefined : parseCount(values.exchanges, 'exchanges', 0);
  const written = await writeSyntheticRegion({
    companies,
    ...(exchanges === undefined ? {} : { exchanges }),
    seed,
    dataDir,
    force: values.force,
  });
  console.log(
    `${written.companies} companies, ${written.streams} streams, ${written.exchanges} exchanges ` +
      `(generated in ${Math.round(written.generateMs)} ms, stored in ${Math.round(written.writeMs)} ms)\n` +
      `Serve it with: DATA_DIR=${shownPath(dataDir)} npm start`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`generate-region: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
