// The committed geodata/ dataset for the specs of every room. Reading files is storage's job (src/server), so
// the specs of the rooms below it (domain, map) and beside it (app) take the dataset from here rather than
// import the server themselves.
import type { Dataset } from '../../src/domain/schema.ts';
import { DEFAULT_GEODATA_DIR, loadDataset } from '../../src/server/storage/dataset-files.ts';

/** The year the specs run "in", so that checks such as "not in the future" do not depend on the clock. */
export const specYear = 2026;

let loaded: Promise<Dataset> | null = null;

/** Parsed and checked once per test file; refused, as the server's seeding refuses it, if it does not pass. */
export function committedDataset(): Promise<Dataset> {
  loaded ??= loadDataset(DEFAULT_GEODATA_DIR, { currentYear: specYear }).then(({ dataset, problems }) => {
    if (!dataset || problems.length > 0) {
      throw new Error(
        `the committed dataset does not validate: ${problems[0]?.message ?? 'it does not parse'}`,
      );
    }
    return dataset;
  });
  return loaded;
}
