// `npm run bench -- --quick` without Chromium: the benchmark's real code paths on tiny sizes, so that it
// cannot rot between real runs. It checks that the numbers are sane, never how fast anything is: a timing
// threshold in a test only measures how busy the machine was.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameQuery } from '../bench/matching.bench.ts';
import { type BenchResults, toMarkdown } from '../bench/report.ts';
import { runBench } from '../bench/run.ts';

const hasClient = existsSync(path.resolve(import.meta.dirname, '../dist/index.html'));

describe('the benchmark, quick (smoke)', () => {
  let dir: string;
  let out: string;
  let results: BenchResults;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'symbiosis-atlas-bench-smoke-'));
    out = path.join(dir, 'quick.json');
    results = await runBench({ quick: true, skipClient: true, seed: 42, out, log: () => {} });
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes its results as JSON, with the machine they were measured on', () => {
    const written = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(written.quick).toBe(true);
    expect(written.machine.cores).toBeGreaterThan(0);
    expect(written.machine.node).toBe(process.version);
    expect(written.region.companies).toBe(300);
    expect(written.region.streams).toBeGreaterThanOrEqual(300);
  });

  it('times the indexed engine and the naive baseline, which find the same candidates', () => {
    const rows = results.matching.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.status, row.note).toBe('ok');
      expect(row.totalMs).toBeGreaterThan(0);
      expect(row.peakRssMb).toBeGreaterThan(0);
      expect(row.candidates).toBeGreaterThan(0);
    }
    for (const comparison of results.matching.comparisons) {
      expect(comparison.speedup).toBeGreaterThan(0);
      const found = rows.filter(
        (r) => r.companies === comparison.companies && sameQuery(r.query, comparison.query),
      );
      expect(new Set(found.map((r) => r.candidates)).size).toBe(1);
    }
  });

  it.runIf(hasClient)('loads every API endpoint and the static baseline without a failed request', () => {
    const api = results.api;
    if (!api) throw new Error('the API part did not run');
    expect(api.rows.map((row) => row.baseline)).toContain(true);
    // The map's lean layer was fetched in every coding, and the ideal static server sent those bytes.
    expect(api.layer.companies).toBe(300);
    expect(api.layer.brBytes).toBeLessThan(api.layer.bytes);
    expect(api.layer.bytesPerCompany).toBeLessThan(api.layer.fullBytesPerCompany);
    for (const row of api.rows) {
      expect(row.failures, row.name).toBe(0);
      expect(row.requests, row.name).toBeGreaterThan(0);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
      expect(row.throughputRatio).toBeGreaterThan(0);
    }
  });

  it.runIf(hasClient)('sizes every built chunk and sums the first screen’s JS', () => {
    const chunks = results.chunks;
    if (!chunks) throw new Error('the chunk part did not run');
    expect(chunks.rows.some((row) => row.file.endsWith('.js') && row.staticFirstScreen)).toBe(true);
    // gzip's ~20-byte header outweighs what it saves on a file of a few dozen bytes.
    for (const row of chunks.rows) expect(row.gzipBytes, row.file).toBeLessThan(Math.max(row.bytes, 100));
    expect(chunks.firstScreenJsGzipBytes).toBeGreaterThan(0);
  });

  it('summarises everything in Markdown, targets included', () => {
    const markdown = toMarkdown(results);
    expect(markdown).toContain('### Matching');
    expect(markdown).toContain('### Targets');
    if (hasClient) expect(markdown).toContain('### API');
    expect(results.targets.length).toBeGreaterThan(0);
  });
});
