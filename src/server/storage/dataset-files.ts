// Reads the seed dataset from geodata/ so the server's first-start seeding, the validator CLI, the region
// generator and the tests all load it the same way. It lives with storage because the server needs it at run
// time; the build tools import it from here. The checks themselves are pure and live in src/domain.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MunicipalityBoundaries } from '../../domain/boundaries.ts';
import { MunicipalityBoundariesSchema } from '../../domain/boundaries.ts';
import type { CheckOptions, Problem, RawDataset } from '../../domain/dataset-validation.ts';
import { checkDataset, parseDataset } from '../../domain/dataset-validation.ts';
import type { Dataset } from '../../domain/schema.ts';

export const DEFAULT_GEODATA_DIR = fileURLToPath(new URL('../../../geodata/', import.meta.url));

/** The files that make up the dataset; places.geojson belongs to the basemap and may be missing. */
export const DATASET_FILES = {
  resources: 'resources.json',
  companies: 'companies.geojson',
  exchanges: 'exchanges.json',
  impactFigures: 'impact-figures.json',
  places: 'places.geojson',
} as const satisfies Record<keyof RawDataset, string>;

export class DatasetFileError extends Error {
  override readonly name = 'DatasetFileError';
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function readRawDataset(dir: string = DEFAULT_GEODATA_DIR): Promise<RawDataset> {
  const placesPath = join(dir, DATASET_FILES.places);
  const [resources, companies, exchanges, impactFigures, places] = await Promise.all([
    readJson(join(dir, DATASET_FILES.resources)),
    readJson(join(dir, DATASET_FILES.companies)),
    readJson(join(dir, DATASET_FILES.exchanges)),
    readJson(join(dir, DATASET_FILES.impactFigures)),
    existsSync(placesPath) ? readJson(placesPath) : Promise.resolve(undefined),
  ]);
  return { resources, companies, exchanges, impactFigures, places };
}

/**
 * The municipality outlines the geodata step commits beside the dataset (built from DAGI, clipped to the land).
 * The dataset's municipality check always runs against them, so a fresh clone validates with no configuration.
 */
export const MUNICIPALITIES_FILE = 'municipalities.geojson';

/** The committed municipality outlines of a geodata directory; throws DatasetFileError when missing or malformed. */
export function readDatasetBoundaries(dir: string = DEFAULT_GEODATA_DIR): Promise<MunicipalityBoundaries> {
  return readMunicipalityBoundaries(join(dir, MUNICIPALITIES_FILE));
}

export async function readMunicipalityBoundaries(path: string): Promise<MunicipalityBoundaries> {
  const result = MunicipalityBoundariesSchema.safeParse(await readJson(path));
  if (!result.success) {
    throw new DatasetFileError(`${path} is not a FeatureCollection of municipality polygons with komkode`);
  }
  return result.data;
}

export interface LoadedDataset {
  /** null when the files do not pass the schema. */
  dataset: Dataset | null;
  problems: Problem[];
}

/** Reads, parses and checks the dataset; throws DatasetFileError only when a file cannot be read at all. */
export async function loadDataset(dir: string, options: CheckOptions): Promise<LoadedDataset> {
  const parsed = parseDataset(await readRawDataset(dir));
  if (!parsed.dataset) return parsed;
  return {
    dataset: parsed.dataset,
    problems: [...parsed.problems, ...checkDataset(parsed.dataset, options)],
  };
}

const collectionOfPath: Record<string, keyof typeof DATASET_FILES> = {
  resources: 'resources',
  companies: 'companies',
  exchanges: 'exchanges',
  impactFigures: 'impactFigures',
  places: 'places',
};

/**
 * A problem as a person fixing the data needs it: the file, the record and the field, e.g.
 * `geodata/exchanges.json: exchanges[gypsum-1993].to: no company with id "gyproc-x"`.
 */
export function describeProblem(problem: Problem, dir: string): string {
  const collection = collectionOfPath[/^[a-zA-Z]+/.exec(problem.path)?.[0] ?? ''];
  const file = collection ? join(dir, DATASET_FILES[collection]) : dir;
  return `${file}: ${problem.path}: ${problem.message} [${problem.rule}]`;
}
