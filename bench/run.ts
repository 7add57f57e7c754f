// `npm run bench [-- --quick] [--skip-client] [--only api|matching] [--out FILE] [--seed N]`: every speed claim
// as a ratio against a baseline measured in the same run (machines are shared and noisy, so absolute numbers
// alone mean little). Writes bench/results/latest.json (quick runs: a file in the temp dir) and prints a
// Markdown summary. `--only api` or `--only matching` runs that part alone (matching needs no build or
// browser) and keeps the other parts of the results file from the run that wrote them.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureChunks } from '../src/tools/first-screen-chunks.ts';
import { writeSyntheticRegion } from '../src/tools/generate-region.ts';
import { runApiBench } from './api.bench.ts';
import { runClientBench } from './client.bench.ts';
import { runFlyToBench } from './flyto.bench.ts';
import { runMatchingBench } from './matching.bench.ts';
import { type BenchResults, checkTargets, machineInfo, toMarkdown } from './report.ts';
import { round } from './stats.ts';
import { runStoresBench } from './stores.bench.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
/**
 * The client's repeated rounds end by this point of the run (they give way first when the machine is slow), so
 * that what follows them, the dense region's flight (about 45 s) and the stores part (about 55 s), still keeps
 * the whole run under LIMITS.runS with a minute to spare.
 */
const RUN_BUDGET_MS = 320_000;
const distDir = path.join(projectRoot, 'dist');

export interface BenchOptions {
  quick: boolean;
  /** Skip headless Chromium (the chunk sizes are still measured). */
  skipClient: boolean;
  seed: number;
  out: string;
  log: (line: string) => void;
  /** Run this part alone; the other parts of `out` are kept from the run that wrote them. */
  only?: 'api' | 'matching';
}

async function previousResults(out: string): Promise<BenchResults | null> {
  try {
    return JSON.parse(await readFile(out, 'utf8')) as BenchResults;
  } catch {
    return null;
  }
}

/** Quick runs are smoke tests: their numbers are not worth keeping, so they stay out of the repository. */
export function defaultOut(quick: boolean): string {
  return quick
    ? path.join(tmpdir(), 'symbiosis-atlas-bench-quick.json')
    : path.join(projectRoot, 'bench', 'results', 'latest.json');
}

/** The matching part alone, written over that part of the results already in `options.out`. */
async function runMatchingOnly(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const matching = await runMatchingBench({ quick: options.quick, seed: options.seed, log: options.log });
  const seconds = round((performance.now() - started) / 1000);
  const previous = existsSync(options.out)
    ? (JSON.parse(await readFile(options.out, 'utf8')) as BenchResults)
    : null;
  const note =
    `Matching measured on its own (--only matching) at ${startedAt}, in ${seconds} s` +
    (previous ? `; the other parts are from the run of ${previous.startedAt}.` : '.');
  const partial: Omit<BenchResults, 'targets'> = {
    quick: options.quick,
    startedAt: previous?.startedAt ?? startedAt,
    durationS: previous?.durationS ?? seconds,
    partsS: { ...previous?.partsS, matching: seconds },
    seed: options.seed,
    machine: machineInfo(previous?.machine.chromium ?? null),
    region: previous?.region ?? { companies: 0, streams: 0, exchanges: 0, generateMs: 0, writeMs: 0 },
    matching,
    api: previous?.api ?? null,
    stores: previous?.stores ?? null,
    chunks: previous?.chunks ?? null,
    client: previous?.client ?? null,
    flyTo: previous?.flyTo ?? null,
    notes: [
      ...(previous?.notes ?? []).filter((line) => !line.startsWith('Matching measured on its own')),
      note,
    ],
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };
  await mkdir(path.dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  if (options.only === 'matching') return runMatchingOnly(options);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { quick, seed, log } = options;
  const notes: string[] = [];
  const apiOnly = options.only === 'api';
  const previous = apiOnly ? await previousResults(options.out) : null;
  // Kept through any number of API-only runs: the run the matching and client parts really come from.
  const otherPartsFrom = previous ? (previous.otherPartsFrom ?? previous.startedAt) : undefined;
  if (apiOnly) {
    notes.push(
      otherPartsFrom
        ? `Only the API part ran (--only api); the other parts are from the run of ${otherPartsFrom}.`
        : 'Only the API part ran (--only api).',
    );
  }
  const hasClient = existsSync(path.join(distDir, 'index.html'));
  if (!hasClient)
    notes.push('No built client (dist/index.html): API and client parts skipped; run `npx vite build`.');

  const partsS: Record<string, number> = {};
  /** Runs one part and notes how long it took, so that a slow whole run says which part was slow. */
  const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
    const partStarted = performance.now();
    try {
      return await work();
    } finally {
      partsS[part] = round((performance.now() - partStarted) / 1000);
    }
  };

  const scratch = await mkdtemp(path.join(tmpdir(), 'symbiosis-atlas-bench-'));
  try {
    const companies = quick ? 300 : 10_000;
    log(`region: generating ${companies} companies …`);
    const region = await timed('region', () =>
      writeSyntheticRegion({ companies, seed, dataDir: path.join(scratch, 'region') }),
    );

    const matching = apiOnly
      ? (previous?.matching ?? { seed, rows: [], comparisons: [] })
      : await timed('matching', () => runMatchingBench({ quick, seed, log }));

    const api = hasClient
      ? await timed('api', () =>
          runApiBench({
            dataDir: region.dataDir,
            durationS: quick ? 1 : 5,
            warmupS: quick ? 0 : 1,
            pairRounds: quick ? 1 : 4,
            connections: quick ? 2 : 10,
            seed,
            log,
          }),
        )
      : null;

    const client = apiOnly
      ? (previous?.client ?? null)
      : hasClient && !options.skipClient
        ? await timed('client', () =>
            runClientBench({
              syntheticDataDir: region.dataDir,
              syntheticCompanies: companies,
              runs: quick ? 1 : 3,
              deadline: started + RUN_BUDGET_MS,
              log,
            }),
          )
        : null;
    // Pan and zoom on dense flows: its own region, 10,000 companies with 50,000 exchanges.
    const flyTo =
      apiOnly || !hasClient || options.skipClient
        ? apiOnly
          ? (previous?.flyTo ?? null)
          : null
        : await timed('flyTo', async () => {
            const denseCompanies = quick ? 300 : 10_000;
            const denseExchanges = quick ? 1_500 : 50_000;
            log(`flyTo: generating ${denseCompanies} companies with ${denseExchanges} exchanges …`);
            const dense = await writeSyntheticRegion({
              companies: denseCompanies,
              exchanges: denseExchanges,
              seed,
              dataDir: path.join(scratch, 'dense'),
            });
            return runFlyToBench({
              dataDir: dense.dataDir,
              companies: dense.companies,
              exchanges: dense.exchanges,
              log,
            });
          });

    // Last, so that the client's rounds keep their share of the run's time budget. Quick runs leave it out:
    // a cluster and three servers would double the smoke test's time for little it does not already cover.
    const stores =
      hasClient && !quick
        ? await timed('stores', () =>
            runStoresBench({
              dataDir: region.dataDir,
              durationS: 2,
              warmupS: 1,
              pairRounds: 2,
              connections: 10,
              seed,
              log,
            }),
          )
        : null;
    if (stores?.skipped) notes.push(`PostgreSQL rows not measured: ${stores.skipped}.`);
    if (quick) notes.push('Quick runs leave out the API on each store (SQLite, PostgreSQL ×1, ×2).');

    if (hasClient && options.skipClient && !apiOnly) notes.push('Chromium part skipped (--skip-client).');
    if (client?.loads.some((load) => load.readiness.startsWith('idle only'))) {
      notes.push(
        'The app does not mark data readiness yet (no data-data-status on .atlas-map): its times are to the ' +
          'first map idle only, not idle with data.',
      );
    }
    for (const load of client?.loads ?? []) {
      if (load.error) notes.push(`Not measured: ${load.error}`);
    }
    const chunks = apiOnly
      ? (previous?.chunks ?? null)
      : hasClient
        ? measureChunks(
            distDir,
            client && client.firstScreenAssets.length > 0 ? new Set(client.firstScreenAssets) : null,
          )
        : null;

    const partial = {
      quick,
      ...(apiOnly ? { only: 'api' as const, otherPartsFrom } : {}),
      startedAt,
      durationS: round((performance.now() - started) / 1000),
      partsS,
      seed,
      machine: machineInfo(client?.chromium ?? null),
      region: {
        companies: region.companies,
        streams: region.streams,
        exchanges: region.exchanges,
        generateMs: round(region.generateMs),
        writeMs: round(region.writeMs),
      },
      matching,
      api,
      stores,
      chunks,
      client,
      flyTo,
      notes,
    };
    const results: BenchResults = { ...partial, targets: checkTargets(partial) };
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'skip-client': { type: 'boolean', default: false },
      only: { type: 'string' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  if (values.only !== undefined && values.only !== 'api' && values.only !== 'matching') {
    throw new Error(`--only takes one part, "api" or "matching"; got "${values.only}"`);
  }
  const out = path.resolve(values.out ?? defaultOut(quick));
  const results = await runBench({
    quick,
    ...(values.only === 'api' || values.only === 'matching' ? { only: values.only } : {}),
    skipClient: values['skip-client'] ?? false,
    seed: Number(values.seed),
    out,
    log: (line) => console.error(line),
  });
  console.log(toMarkdown(results));
  console.log(`Results: ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
