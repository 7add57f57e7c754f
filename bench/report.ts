// The benchmark's results as JSON (bench/results/) and as the Markdown summary printed at the end.
import { cpus, release, totalmem, type } from 'node:os';
import type { ChunkReport } from '../src/tools/first-screen-chunks.ts';
import {
  type ApiReport,
  CONTENDED_READS,
  IDEAL_STATIC_ROW,
  MAP_LAYER_PATH,
  MAP_LAYER_ROW,
  P99_ROWS,
  WRITERS,
} from './api.bench.ts';
import type { ClientReport } from './client.bench.ts';
import type { FlyToReport } from './flyto.bench.ts';
import { type MatchingReport, type MatchingRow, matchingTargets, sameQuery } from './matching.bench.ts';
import { describeQuery } from './matching-protocol.ts';
import { round } from './stats.ts';
import type { StoresReport } from './stores.bench.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string | null;
}

export interface RegionInfo {
  companies: number;
  streams: number;
  exchanges: number;
  generateMs: number;
  writeMs: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null when the part that measures it did not run. */
  met: boolean | null;
}

export interface BenchResults {
  quick: boolean;
  /** Set when one part ran alone (`--only api`): the other parts come from an earlier run. */
  only?: 'api';
  /** With `only`: when the run that measured the other parts started. */
  otherPartsFrom?: string;
  startedAt: string;
  durationS: number;
  /** Seconds per part (region, matching, api, client). */
  partsS: Record<string, number>;
  seed: number;
  machine: MachineInfo;
  /** The synthetic region the API and client parts ran on. */
  region: RegionInfo;
  matching: MatchingReport;
  api: ApiReport | null;
  /** The API on SQLite and on PostgreSQL with one and two instances (absent in results before it). */
  stores?: StoresReport | null;
  chunks: ChunkReport | null;
  client: ClientReport | null;
  /** Frame rate of a scripted flight on a dense region, against the bare MapLibre page. */
  flyTo: FlyToReport | null;
  notes: string[];
  targets: TargetCheck[];
}

export function machineInfo(chromium: string | null): MachineInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    os: `${type()} ${release()}`,
    node: process.version,
    chromium,
  };
}

export const LIMITS = {
  firstScreenJsGzipBytes: 700_000,
  /** The whole run, with the dense region's flight: long enough for three rounds of page loads. */
  runS: 480,
  /** The map's company layer: req/s as a share of the ideal static server's, and bytes a company. */
  mapLayerThroughputShare: 0.5,
  mapLayerBytesPerCompany: 300,
  apiP99Ms: 50,
  /** First map with data, as a multiple of the bare MapLibre page's load: real dataset, synthetic region. */
  firstMapRealRatio: 1.5,
  firstMapSyntheticRatio: 2,
  /** Frame rate during the flight, as a share of the bare MapLibre page's. */
  flyToFpsShare: 0.5,
  /** Record reads under concurrent writers, as a share of the same reads alone. */
  readsUnderWritesShare: 0.5,
};

/** The client's rows: first map with data against the bare page, and the flight's frame rate. */
function clientTargets(client: ClientReport | null, flyTo: FlyToReport | null): TargetCheck[] {
  const [, real, synthetic] = client?.loads ?? [];
  const loadCheck = (load: ClientReport['loads'][number] | undefined, limit: number, what: string) => ({
    target: `first map with data, ${what}, ≤ ${limit}× the bare MapLibre page`,
    measured: load
      ? `${ms(load.medianMs)} ms: ${times(load.ratioToBare)}${load.error ? ` (${load.error})` : ''}`
      : 'not measured',
    met: load ? load.ratioToBare !== null && load.ratioToBare <= limit : null,
  });
  const [bareFlight, appFlight] = flyTo?.flights ?? [];
  return [
    loadCheck(real, LIMITS.firstMapRealRatio, 'real dataset'),
    loadCheck(
      synthetic,
      LIMITS.firstMapSyntheticRatio,
      synthetic?.name.replace(/^app, /, '') ?? 'synthetic region',
    ),
    {
      target:
        `frame rate during a scripted flyTo at ${n(flyTo?.companies)} companies and ${n(flyTo?.exchanges)} ` +
        `exchanges ≥ ${LIMITS.flyToFpsShare}× the bare MapLibre page's`,
      measured:
        appFlight && bareFlight
          ? `${ms(appFlight.fps)} vs ${ms(bareFlight.fps)} frames/s: ${times(appFlight.ratioToBare)}` +
            (appFlight.error ? ` (${appFlight.error})` : '')
          : 'not measured',
      met: appFlight ? appFlight.ratioToBare !== null && appFlight.ratioToBare >= LIMITS.flyToFpsShare : null,
    },
  ];
}

/** The API's rows of the targets table: the map's company layer against the ideal static server, p99s. */
function apiTargets(api: ApiReport | null): TargetCheck[] {
  const row = (name: string) => api?.rows.find((r) => r.name === name);
  const layer = row(MAP_LAYER_ROW);
  const ideal = row(IDEAL_STATIC_ROW);
  const share = layer?.throughputRatio ?? null;
  const size = api ? `${n(api.companies)} companies, ${api.connections} connections` : '';
  const checks: TargetCheck[] = [
    {
      target: `GET ${MAP_LAYER_PATH} ≥ ${LIMITS.mapLayerThroughputShare * 100} % of the ideal static server's req/s`,
      measured:
        layer && ideal && share !== null
          ? `${ms(layer.requestsPerSec)} vs ${ms(ideal.requestsPerSec)} req/s: ${round(share * 100)} % (${size})`
          : 'not measured',
      met: share === null ? null : share >= LIMITS.mapLayerThroughputShare,
    },
    {
      target: `map company layer ≤ ${LIMITS.mapLayerBytesPerCompany} bytes a company before compression`,
      measured: api
        ? `${ms(api.layer.bytesPerCompany)} B (full layer ${ms(api.layer.fullBytesPerCompany)} B; ` +
          `${ms(round(api.layer.brBytes / 1000))} kB br for ${n(api.layer.companies)} companies)`
        : 'not measured',
      met: api ? api.layer.bytesPerCompany <= LIMITS.mapLayerBytesPerCompany : null,
    },
  ];
  for (const pair of CONTENDED_READS) {
    const alone = row(pair.alone);
    const contended = row(pair.underWrites);
    const writes = row(pair.writes);
    const share = alone && contended ? contended.requestsPerSec / Math.max(alone.requestsPerSec, 1e-9) : null;
    checks.push({
      target: `GET ${pair.path} under ${WRITERS} concurrent writers ≥ ${LIMITS.readsUnderWritesShare * 100} % of its solo req/s`,
      measured:
        alone && contended && writes && share !== null
          ? `${ms(contended.requestsPerSec)} vs ${ms(alone.requestsPerSec)} req/s: ${round(share * 100)} % ` +
            `(beside ${ms(writes.requestsPerSec)} writes/s, ${n(writes.failures)} failed)`
          : 'not measured',
      met: share === null ? null : share >= LIMITS.readsUnderWritesShare && (writes?.failures ?? 1) === 0,
    });
  }
  for (const name of P99_ROWS) {
    const measured = row(name);
    checks.push({
      target: `${name} p99 < ${LIMITS.apiP99Ms} ms`,
      measured: measured ? `${ms(measured.p99Ms)} ms (p50 ${ms(measured.p50Ms)} ms)` : 'not measured',
      met: measured ? measured.p99Ms < LIMITS.apiP99Ms : null,
    });
  }
  return checks;
}

export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const { matching, chunks, client } = results;
  const checks: TargetCheck[] = [
    ...matchingTargets(matching, results.quick),
    {
      target: `first-screen JS ≤ ${LIMITS.firstScreenJsGzipBytes / 1000} kB gzip`,
      measured: chunks
        ? `${round(chunks.firstScreenJsGzipBytes / 1000)} kB, of which ` +
          `${round(chunks.firstScreenWorkerGzipBytes / 1000)} kB MapLibre worker (${chunks.basis})`
        : 'not measured',
      met: chunks ? chunks.firstScreenJsGzipBytes <= LIMITS.firstScreenJsGzipBytes : null,
    },
    ...apiTargets(results.api),
    ...clientTargets(client, results.flyTo),
    {
      target: 'no request leaves 127.0.0.1',
      measured: client ? `${client.foreignRequests.length} foreign requests` : 'not measured',
      met: client ? client.foreignRequests.length === 0 : null,
    },
  ];
  if (!results.quick && !results.only) {
    checks.push({
      target: `whole benchmark < ${LIMITS.runS / 60} min`,
      measured: `${round(results.durationS)} s`,
      met: results.durationS < LIMITS.runS,
    });
  }
  return checks;
}

// ——— Markdown ———————————————————————————————————————————————————————————————————————————————————————————————

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function ms(value: number | null | undefined): string {
  return value === null || value === undefined
    ? '–'
    : value.toLocaleString('en', { maximumFractionDigits: 1 });
}

function n(value: number | undefined): string {
  return value === undefined ? '–' : value.toLocaleString('en');
}

function times(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${value}×`;
}

function matchingTable(matching: MatchingReport): string {
  const rows = matching.comparisons.map(({ companies, query, speedup }) => {
    const find = (engine: string) =>
      matching.rows.find(
        (r) => r.companies === companies && sameQuery(r.query, query) && r.engine === engine,
      );
    const indexed = find('indexed');
    const naive = find('naive');
    const cell = (row: MatchingRow | undefined, value: string) =>
      row?.status === 'ok' ? value : (row?.status ?? '–');
    return [
      n(companies),
      n(indexed?.streams ?? naive?.streams),
      describeQuery(query),
      n(indexed?.candidates ?? naive?.candidates),
      cell(indexed, ms(indexed?.buildMs)),
      cell(indexed, ms(indexed?.queryMs)),
      cell(indexed, ms(indexed?.totalMs)),
      cell(naive, ms(naive?.totalMs)),
      times(speedup),
      cell(indexed, ms(indexed?.peakRssMb)),
      cell(naive, ms(naive?.peakRssMb)),
    ];
  });
  return table(
    [
      'companies',
      'streams',
      'query',
      'candidates returned',
      'index build ms',
      'query ms',
      'indexed ms',
      'naive ms',
      'speed-up',
      'indexed peak RSS MB',
      'naive peak RSS MB',
    ],
    rows,
  );
}

function apiTable(api: ApiReport): string {
  return table(
    [
      'endpoint',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'failures',
      'req/s vs ideal',
      'p50 vs ideal',
      'server CPU µs/request',
    ],
    api.rows.map((row) => [
      row.name,
      ms(row.requestsPerSec),
      ms(row.p50Ms),
      ms(row.p99Ms),
      n(row.requests),
      n(row.failures),
      times(row.throughputRatio),
      times(row.latencyRatio),
      ms(row.serverCpuUsPerRequest),
    ]),
  );
}

function storesTable(stores: StoresReport): string {
  const cell = (figures: { requestsPerSec: number; p99Ms: number; failures: number }) =>
    `${ms(figures.requestsPerSec)} (p99 ${ms(figures.p99Ms)} ms${figures.failures > 0 ? `, ${n(figures.failures)} failed` : ''})`;
  return table(
    [
      'store',
      `first GET ${MAP_LAYER_PATH} ms`,
      `GET ${MAP_LAYER_PATH} req/s`,
      'GET /api/companies/{id} req/s',
      `… under ${WRITERS} writers req/s`,
      'PATCH /api/streams/{id} writes/s',
    ],
    stores.rows.map((row) => [
      row.setup,
      ms(row.coldLayerMs),
      cell(row.layer),
      cell(row.recordReads),
      cell(row.recordReadsUnderWrites),
      cell(row.writes),
    ]),
  );
}

function chunkTable(chunks: ChunkReport): string {
  return table(
    ['chunk', 'raw kB', 'gzip kB', 'first screen'],
    chunks.rows.map((row) => [
      row.file,
      ms(round(row.bytes / 1000)),
      ms(round(row.gzipBytes / 1000)),
      (row.loadedOnFirstScreen ?? row.staticFirstScreen) ? 'yes' : 'no',
    ]),
  );
}

function clientTable(client: ClientReport): string {
  return table(
    ['page', 'median ms', 'runs ms', 'ready means', 'vs bare MapLibre'],
    client.loads.map((load) => [
      load.name,
      ms(load.medianMs),
      load.runsMs.map((value) => ms(value)).join(', '),
      load.readiness,
      times(load.ratioToBare),
    ]),
  );
}

export function toMarkdown(results: BenchResults): string {
  const { machine } = results;
  const parts = [
    `## Benchmark ${results.quick ? '(quick smoke run) ' : ''}${results.startedAt}`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}` +
      (machine.chromium ? `, Chromium ${machine.chromium}` : '') +
      `. Whole run: ${round(results.durationS)} s (${Object.entries(results.partsS)
        .map(([part, seconds]) => `${part} ${seconds} s`)
        .join(', ')}). Seed ${results.seed}.`,
    '### Matching: createMatchingIndex() and its region-wide queries against the naive engine',
    matchingTable(results.matching),
    'Times are medians of the measured runs (small sizes are warmed up and repeated); "indexed ms" is index ' +
      'build plus query, from the dataset to the answer. Peak RSS is the whole child process, synthetic ' +
      'dataset included.',
  ];
  if (results.api) {
    parts.push(
      `### API on ${n(results.api.companies)} companies (autocannon, ${results.api.connections} connections, ` +
        `${results.api.durationS} s each, Accept-Encoding: ${results.api.acceptEncoding})`,
      apiTable(results.api),
      `The ideal static server sends GET ${MAP_LAYER_PATH}'s own bytes, pre-compressed, from memory. The map's ` +
        `company layer: ${n(results.api.layer.bytes)} bytes (${ms(results.api.layer.bytesPerCompany)} a company; ` +
        `the full layer ${ms(results.api.layer.fullBytesPerCompany)}), ${n(results.api.layer.gzipBytes)} gzip, ` +
        `${n(results.api.layer.brBytes)} br.`,
      `First requests after start: ${Object.entries(results.api.coldMs)
        .map(([path, value]) => `${path} ${ms(value)} ms`)
        .join(', ')}.`,
    );
  }
  if (results.stores) {
    const { stores } = results;
    parts.push(
      `### API on each store, ${n(stores.companies)} companies (autocannon, ${stores.connections} connections, ` +
        `${stores.durationS} s a row; record reads alone and under ${WRITERS} writers in alternating rounds)`,
      storesTable(stores),
      stores.skipped
        ? `PostgreSQL rows not measured: ${stores.skipped}.`
        : 'PostgreSQL in a throwaway local cluster (fsync off), on the same machine as the servers, the ' +
            'proxy and the load generator: two instances share its cores rather than adding any.',
    );
  }
  if (results.chunks) parts.push('### Built chunks', chunkTable(results.chunks));
  if (results.client) {
    parts.push(
      `### First screen in headless Chromium (${results.client.viewport.width}×${results.client.viewport.height}, cold cache)`,
      clientTable(results.client),
    );
  }
  if (results.flyTo) {
    parts.push(
      `### Pan and zoom: a scripted flyTo (${results.flyTo.legs.length} legs) at ${n(results.flyTo.companies)} ` +
        `companies and ${n(results.flyTo.exchanges)} exchanges`,
      table(
        ['page', 'frames', 'ms', 'frames/s', 'vs bare MapLibre'],
        results.flyTo.flights.map((flight) => [
          flight.name,
          n(flight.frames),
          ms(flight.ms),
          ms(flight.fps),
          times(flight.ratioToBare),
        ]),
      ),
    );
  }
  parts.push(
    '### Targets',
    table(
      ['target', 'measured', 'met'],
      results.targets.map((t) => [t.target, t.measured, t.met === null ? '–' : t.met ? 'yes' : 'NO']),
    ),
  );
  if (results.notes.length > 0) parts.push(results.notes.map((note) => `- ${note}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
