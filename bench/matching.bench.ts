// The matching engine against its naive all-pairs baseline, on synthetic regions of growing size. Every
// measurement runs in a child process (matching-worker.ts) so that peak memory is per measurement and a
// run past its time cap can be killed without losing the rest of the benchmark.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { type Engine, RESULT_PREFIX, type WorkerResult, type WorkerSpec } from './matching-protocol.ts';
import { ratio } from './stats.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const workerPath = path.join(import.meta.dirname, 'matching-worker.ts');

export interface MatchingCase extends Omit<WorkerSpec, 'seed'> {
  /** Killed after this long and reported as a timeout. */
  capMs: number;
  /** Not run, for this reason (the row is still reported, so the table says why it is empty). */
  skip?: string;
}

export type RowStatus = 'ok' | 'timeout' | 'failed' | 'skipped';

export interface MatchingRow extends Partial<WorkerResult> {
  companies: number;
  engine: Engine;
  limit: number | null;
  status: RowStatus;
  note?: string;
}

export interface MatchingComparison {
  companies: number;
  limit: number | null;
  indexedMs: number | null;
  naiveMs: number | null;
  /** naive ÷ indexed total time: how many times faster the index is. */
  speedup: number | null;
}

export interface MatchingReport {
  seed: number;
  rows: MatchingRow[];
  comparisons: MatchingComparison[];
}

/** The best 1,000: what a ranked list of candidates over the whole region would ask for. */
export const TOP_LIMIT = 1000;

function both(
  companies: number,
  limit: number | null,
  indexed: Partial<MatchingCase>,
  naive: Partial<MatchingCase>,
): MatchingCase[] {
  const base = { companies, limit, warmup: false, maxRuns: 1, budgetMs: 0, capMs: 120_000 };
  return [
    { ...base, engine: 'indexed', ...indexed },
    { ...base, engine: 'naive', ...naive },
  ];
}

export function matchingPlan(quick: boolean): MatchingCase[] {
  if (quick) {
    const small = { maxRuns: 2, budgetMs: 500, capMs: 60_000 };
    return [...both(300, null, small, small), ...both(300, 50, small, small)];
  }
  const repeated = { warmup: true, maxRuns: 5, budgetMs: 3_000, capMs: 60_000 };
  const tooMany = 'every candidate of 100,000 companies is ~100× the 10,000 list: it does not fit in memory';
  return [
    ...both(1_000, null, repeated, repeated),
    // Big enough to be measured warm on its first run; repeated only while that stays cheap.
    ...both(10_000, null, { maxRuns: 3, budgetMs: 3_000 }, { maxRuns: 1 }),
    ...both(10_000, TOP_LIMIT, { warmup: true, maxRuns: 5, budgetMs: 3_000 }, { maxRuns: 1 }),
    ...both(100_000, null, { skip: tooMany }, { skip: tooMany }),
    ...both(100_000, TOP_LIMIT, {}, { skip: 'all pairs of 100,000 companies: ~100× the 10,000 baseline' }),
  ];
}

interface WorkerOutcome {
  status: RowStatus;
  result?: WorkerResult;
  note?: string;
}

function runWorker(spec: WorkerSpec, capMs: number): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // Room for millions of candidates; the machine's memory, not V8's default limit, should be the bound.
      ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', workerPath, JSON.stringify(spec)],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, capMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ status: 'timeout', note: `stopped after the ${Math.round(capMs / 1000)} s cap` });
        return;
      }
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        resolve({ status: 'failed', note: `exit ${code}: ${tail || 'no result line'}` });
        return;
      }
      resolve({ status: 'ok', result: JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerResult });
    });
  });
}

function compare(rows: readonly MatchingRow[]): MatchingComparison[] {
  const keys = new Map<string, { companies: number; limit: number | null }>();
  for (const row of rows)
    keys.set(`${row.companies}|${row.limit}`, { companies: row.companies, limit: row.limit });
  return [...keys.values()].map(({ companies, limit }) => {
    const find = (engine: Engine) =>
      rows.find(
        (r) => r.companies === companies && r.limit === limit && r.engine === engine && r.status === 'ok',
      );
    const indexedMs = find('indexed')?.totalMs ?? null;
    const naiveMs = find('naive')?.totalMs ?? null;
    return { companies, limit, indexedMs, naiveMs, speedup: ratio(naiveMs, indexedMs) };
  });
}

export async function runMatchingBench(options: {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
}): Promise<MatchingReport> {
  const rows: MatchingRow[] = [];
  for (const matchingCase of matchingPlan(options.quick)) {
    const { capMs, skip, ...rest } = matchingCase;
    const label = `${rest.engine} ${rest.companies} companies, ${rest.limit === null ? 'all' : `top ${rest.limit}`}`;
    const row = { companies: rest.companies, engine: rest.engine, limit: rest.limit };
    if (skip) {
      rows.push({ ...row, status: 'skipped', note: skip });
      continue;
    }
    options.log?.(`matching: ${label} …`);
    const outcome = await runWorker({ ...rest, seed: options.seed }, capMs);
    rows.push({
      ...row,
      ...outcome.result,
      status: outcome.status,
      ...(outcome.note ? { note: outcome.note } : {}),
    });
    if (outcome.result) {
      options.log?.(`  ${outcome.result.totalMs} ms, ${outcome.result.candidates} candidates`);
    } else {
      options.log?.(`  ${outcome.status}: ${outcome.note ?? ''}`);
    }
  }
  return { seed: options.seed, rows, comparisons: compare(rows) };
}
