import type { Dataset } from '../../domain/schema.ts';
import type { AtlasStore } from './atlas-store.ts';
import { loadDataset } from './dataset-files.ts';
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
 * The SQLite store in `dataDir`, created and seeded from geodata/ on the first start in a new, empty
 * directory (or when `explicitSeed`, the operator's ATLAS_SEED=1).
 */
export function openStore(
  dataDir: string,
  geodataDir: string,
  options: { explicitSeed?: boolean; maxBytes?: number } = {},
): Promise<AtlasStore> {
  return SqliteStore.open({
    dataDir,
    seed: () => seedDataset(geodataDir, new Date().getFullYear()),
    ...options,
  });
}
