// One matching measurement in a process of its own, so that its peak memory (maxRSS) is its own and a run
// that blows up or hangs takes nothing else with it. Started by matching.bench.ts with --expose-gc; prints
// one `BENCH-RESULT {json}` line.
import {
  allCandidatesNaive,
  bestPerCompanyNaive,
  createMatchingIndex,
  type MatchingIndex,
  type MatchingInput,
} from '../src/domain/matching/index.ts';
import { readGenerationInputs } from '../src/tools/generate-region.ts';
import { generateRegion } from '../src/tools/synthetic-region.ts';
import {
  type MatchingQuery,
  RESULT_PREFIX,
  type WorkerResult,
  type WorkerSpec,
} from './matching-protocol.ts';
import { MB, median, round } from './stats.ts';

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

/** Runs the query on the index and returns how many candidates it gave, holding on to none of them. */
function runIndexed(index: MatchingIndex, query: MatchingQuery): number {
  if (query.kind === 'global-best') return index.allCandidates({ limit: query.limit }).length;
  let count = 0;
  if (query.kind === 'best-per-company') {
    for (const company of index.bestPerCompany({ perCompany: query.perCompany })) {
      count += company.candidates.length;
    }
    return count;
  }
  for (const _candidate of index.eachCandidate()) count += 1;
  return count;
}

function runNaive(input: MatchingInput, query: MatchingQuery): number {
  if (query.kind === 'global-best') return allCandidatesNaive(input, { limit: query.limit }).length;
  if (query.kind === 'best-per-company') {
    const lists = bestPerCompanyNaive(input, { perCompany: query.perCompany });
    return lists.reduce((sum, company) => sum + company.candidates.length, 0);
  }
  return allCandidatesNaive(input).length;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
  const inputs = await readGenerationInputs();
  const region = generateRegion({ companies: spec.companies, seed: spec.seed, ...inputs });
  const input = { companies: region.companies, resources: inputs.resources, exchanges: region.exchanges };
  const streams = region.companies.features.reduce((sum, f) => sum + f.properties.streams.length, 0);

  const once = () => {
    const started = performance.now();
    if (spec.engine === 'naive') {
      const candidates = runNaive(input, spec.query);
      return { buildMs: null, queryMs: performance.now() - started, candidates, index: null };
    }
    const index = createMatchingIndex(input);
    const built = performance.now();
    const candidates = runIndexed(index, spec.query);
    return { buildMs: built - started, queryMs: performance.now() - built, candidates, index };
  };

  // The generated region's garbage goes before anything is measured. No collection is forced between
  // runs: a forced full collection shrinks the young generation, and the next run (up to 4× slower for
  // 1,000 companies) would pay for growing it again, which no server does between two requests.
  collect();
  const before = process.memoryUsage();
  const warming = performance.now();
  if (spec.warmupMs > 0) {
    do once();
    while (performance.now() - warming < spec.warmupMs);
  }
  const builds: number[] = [];
  const queries: number[] = [];
  let last: ReturnType<typeof once> | null = null;
  let spent = 0;
  while (builds.length === 0 || (builds.length < spec.maxRuns && spent < spec.budgetMs)) {
    // The previous index is dropped first, so that it can be collected while this run allocates.
    last = null;
    last = once();
    builds.push(last.buildMs ?? 0);
    queries.push(last.queryMs);
    spent += (last.buildMs ?? 0) + last.queryMs;
  }
  collect();
  const retained = process.memoryUsage().heapUsed - before.heapUsed;
  const buildMs = spec.engine === 'naive' ? null : round(median(builds));
  const totals = builds.map((build, i) => build + (queries[i] ?? 0));
  const result: WorkerResult = {
    companies: spec.companies,
    streams,
    runs: builds.length,
    buildMs,
    queryMs: round(median(queries)),
    totalMs: round(median(totals)),
    candidates: last?.candidates ?? 0,
    baseRssMb: round(before.rss / MB),
    peakRssMb: round((process.resourceUsage().maxRSS * 1024) / MB),
    retainedHeapMb: round(retained / MB),
  };
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
