// What matching.bench.ts asks of matching-worker.ts and what the worker answers (one JSON line).

export type Engine = 'indexed' | 'naive';

export interface WorkerSpec {
  companies: number;
  seed: number;
  engine: Engine;
  /** null: every candidate (allCandidates()); a number: only the best ones (allCandidates({ limit })). */
  limit: number | null;
  /** One unmeasured run first, so that small sizes are not measured cold (JIT). */
  warmup: boolean;
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
  candidates: number;
  /** RSS once the dataset is in memory and collected, before the engine runs. */
  baseRssMb: number;
  /** The process's peak RSS (includes the dataset). */
  peakRssMb: number;
  /** Heap the engine still holds at the end (index and result), after a full collection. */
  retainedHeapMb: number;
}

export const RESULT_PREFIX = 'BENCH-RESULT ';
