import type { Dataset } from '../../domain/schema.ts';
import type { AtlasStore } from './atlas-store.ts';
import { loadDataset } from './dataset-files.ts';
import { PostgresStore } from './pg-store.ts';
import { SqliteStore } from './sqlite-store.ts';

/** The committed geodata/ dataset, refused if it does not pass validation: a bad seed is never stored. */
export async function seedDataset(geodataDir: string, currentYear: number): Promise<Dataset> {
  const { dataset, problems } = await loadDataset(geodataDir, { currentYear });
  if (!dataset || problems.length > 0) {
    const listed = problems
      .slice(0, 5)
      .map((problem) => `${problem.path}: ${problem.message}`)
      .join('\n  ');
    throw new Error(`The seed data in ${geodataDir} does not validate (npm run validate:data):\n  ${listed}`);
  }
  return dataset;
}

/**
 * The PostgreSQL store of `databaseUrl` when one is given (DATABASE_URL), else the SQLite store in
 * `dataDir`. Either is created and seeded from geodata/ on the first start: SQLite in a new, empty
 * directory, PostgreSQL in a database without tables; `explicitSeed` (the operator's ATLAS_SEED=1) also
 * seeds a directory or database that is not empty but holds no atlas.
 */
export function openStore(
  dataDir: string,
  geodataDir: string,
  options: { explicitSeed?: boolean; maxBytes?: number; databaseUrl?: string | null } = {},
): Promise<AtlasStore> {
  const { databaseUrl, ...sqliteOptions } = options;
  const seed = () => seedDataset(geodataDir, new Date().getFullYear());
  if (databaseUrl) {
    return PostgresStore.open({ url: databaseUrl, seed, explicitSeed: options.explicitSeed });
  }
  return SqliteStore.open({ dataDir, seed, ...sqliteOptions });
}
