// What matching.bench.ts asks of matching-worker.ts and what the worker answers (one JSON line).

export type Engine = 'indexed' | 'naive';

/** The region-wide queries the atlas asks (see src/domain/matching/rules.ts, "what a query returns"). */
export type MatchingQuery =
  /** Every company's best k candidates: bestPerCompany({ perCompany }), consumed company by company. */
  | { kind: 'best-per-company'; perCompany: number }
  /** The region's best N: allCandidates({ limit }). */
  | { kind: 'global-best'; limit: number }
  /** Every candidate, streamed as the export does: eachCandidate(), counted and dropped. */
  | { kind: 'every-candidate' };

export interface WorkerSpec {
  companies: number;
  seed: number;
  engine: Engine;
  query: MatchingQuery;
  /**
   * Unmeasured runs first, repeated until this long has passed (0: none), so that the measured runs see
   * optimised code, as a server does after its first requests; a long run warms up within itself.
   */
  warmupMs: number;
  maxRuns: number;
  /** Stop repeating once the measured runs took this long together (at least one run is always made). */
  budgetMs: number;
}

export interface WorkerResult {
  companies: number;
  streams: number;
  runs: number;
  /** Medians over the measured runs; build is null for the naive engine, which has no separate build. */
  buildMs: number | null;
  queryMs: number;
  totalMs: number;
  /** Candidates returned (summed over companies for best-per-company). */
  candidates: number;
  /** RSS once the dataset is in memory and collected, before the engine runs (warm-up included). */
  baseRssMb: number;
  /** The process's peak RSS (includes the dataset). */
  peakRssMb: number;
  /** Heap the engine still holds at the end (index and result), after a full collection. */
  retainedHeapMb: number;
}

export const RESULT_PREFIX = 'BENCH-RESULT ';

export function describeQuery(query: MatchingQuery): string {
  if (query.kind === 'best-per-company') return `best ${query.perCompany} per company`;
  if (query.kind === 'global-best') return `global best ${query.limit.toLocaleString('en')}`;
  return 'every candidate (streamed)';
}
