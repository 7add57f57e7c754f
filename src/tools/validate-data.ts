// Usage: tsx src/tools/validate-data.ts [geodata-dir]
// Checks geodata/ against the schema and the dataset rules, including that every point lies in its
// municipality (the committed geodata/municipalities.geojson). Exits 1 on any problem.
import { join, relative } from 'node:path';
import { regionMunicipalities } from '../domain/basemap.ts';
import type { Dataset } from '../domain/schema.ts';
import {
  DatasetFileError,
  DEFAULT_GEODATA_DIR,
  describeProblem,
  loadDataset,
  MUNICIPALITIES_FILE,
  readDatasetBoundaries,
} from '../server/storage/dataset-files.ts';

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ${count}`).join(', ');
}

function summarise(dataset: Dataset): string {
  const companies = dataset.companies.features.map((f) => f.properties);
  const municipality = (code: string | null) =>
    regionMunicipalities.find((m) => m.code === code)?.name ?? 'elsewhere';
  const streams = companies.reduce((sum, c) => sum + c.streams.length, 0);
  return [
    `${companies.length} companies (${countBy(companies, (c) => municipality(c.municipality))})`,
    `${streams} streams`,
    `${dataset.exchanges.length} exchanges (${countBy(dataset.exchanges, (e) => e.status)})`,
    `${dataset.resources.length} resources`,
    `${dataset.impactFigures.length} impact figures`,
    `${dataset.places?.features.length ?? 0} places`,
  ].join(', ');
}

async function main(): Promise<number> {
  const dir = process.argv[2] ?? DEFAULT_GEODATA_DIR;
  const boundaries = await readDatasetBoundaries(dir);
  const { dataset, problems } = await loadDataset(dir, { currentYear: new Date().getFullYear(), boundaries });
  for (const problem of problems)
    console.error(describeProblem(problem, relative(process.cwd(), dir) || '.'));
  if (problems.length > 0 || !dataset) {
    console.error(`${problems.length} problem(s) in ${dir}`);
    return 1;
  }
  const outlines = relative(process.cwd(), join(dir, MUNICIPALITIES_FILE));
  console.log(`geodata OK: ${summarise(dataset)}; every point checked against ${outlines}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DatasetFileError ? error.message : error);
    process.exit(1);
  },
);
