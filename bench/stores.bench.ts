// The API on each store, in one run on one region: SQLite (one server), PostgreSQL with one instance, and
// PostgreSQL with two instances behind a round-robin proxy. The same few measurements on each, shorter than
// the API part's (which has the SQLite server's full picture): the map's layer, record reads alone and
// under 20 writers, and those writers' rate. PostgreSQL runs in a throwaway cluster, as in the tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { MapCompany } from '../src/domain/api.ts';
import type { Dataset } from '../src/domain/schema.ts';
import { PostgresStore } from '../src/server/storage/pg-store.ts';
import { SqliteStore } from '../src/server/storage/sqlite-store.ts';
import {
  createTestDatabase,
  HOW_TO_RUN_POSTGRES,
  type PostgresCluster,
  startPostgresForTests,
} from '../tests/support/postgres-cluster.ts';
import { type RunningServer, startServer, waitForListening } from '../tests/support/server.ts';
import {
  type ApiBenchOptions,
  BENCH_STAFF_TOKEN,
  type Endpoint,
  hammer,
  MAP_LAYER_PATH,
  type Measurement,
  readsUnderWrites,
  streamIdsOf,
} from './api.bench.ts';
import { round } from './stats.ts';

export interface StoreRow {
  /** Which store, and how many instances answer. */
  setup: string;
  instances: number;
  /** The first GET of the map's layer after start: reading the snapshot, serialising, compressing. */
  coldLayerMs: number;
  layer: Figures;
  recordReads: Figures;
  recordReadsUnderWrites: Figures;
  writes: Figures;
}

export interface Figures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
}

export interface StoresReport {
  companies: number;
  durationS: number;
  connections: number;
  rows: StoreRow[];
  /** Why the PostgreSQL rows are missing, when they are. */
  skipped: string | null;
}

export type StoresBenchOptions = Pick<
  ApiBenchOptions,
  'dataDir' | 'durationS' | 'warmupS' | 'pairRounds' | 'connections' | 'seed' | 'log'
>;

const figures = ({ requestsPerSec, p50Ms, p99Ms, requests, failures }: Measurement): Figures => ({
  requestsPerSec,
  p50Ms,
  p99Ms,
  requests,
  failures,
});

async function startProxy(origins: readonly string[]): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'round-robin-proxy.ts'), ...origins],
    { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const origin = await waitForListening(child);
  return {
    origin,
    dataDir: '',
    pid: child.pid,
    output: () => '',
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The measurements of one setup, through `origin` (a server, or the proxy in front of several). */
async function measure(
  setup: string,
  /** The instances themselves, and where the load goes (the proxy in front of them, or the one). */
  instances: readonly string[],
  origin: string,
  options: StoresBenchOptions,
): Promise<StoreRow> {
  const log = (line: string) => options.log?.(`stores: ${setup}: ${line}`);
  const started = performance.now();
  const first = await fetch(`${instances[0]}${MAP_LAYER_PATH}`);
  const companies = (await first.json()) as MapCompany[];
  const coldLayerMs = round(performance.now() - started);
  // Every instance prepares its bodies once (brotli at 10,000 companies takes a while) before any is timed.
  for (const instance of instances) {
    await fetch(`${instance}${MAP_LAYER_PATH}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  }
  const endpoint = (name: string, paths: string[]): Endpoint => ({
    name,
    origin,
    pid: undefined,
    paths,
    baseline: false,
  });
  const layerRow = endpoint(`GET ${MAP_LAYER_PATH}`, [MAP_LAYER_PATH]);
  if (options.warmupS > 0) await hammer(layerRow, options, options.warmupS);
  const layer = await hammer(layerRow, options, options.durationS);
  log(`map layer ${layer.requestsPerSec} req/s, p99 ${layer.p99Ms} ms`);
  const records = endpoint(
    'GET /api/companies/{id}',
    companies.slice(0, 200).map((company) => `/api/companies/${encodeURIComponent(company.id)}`),
  );
  const streamIds = await streamIdsOf(
    origin,
    companies.slice(0, 40).map((company) => company.id),
  );
  const contended = await readsUnderWrites(records, streamIds, options);
  log(
    `record reads ${contended.alone.requestsPerSec} req/s alone, ${contended.underWrites.requestsPerSec} ` +
      `under writers doing ${contended.writes.requestsPerSec} writes/s`,
  );
  return {
    setup,
    instances: instances.length,
    coldLayerMs,
    layer: figures(layer),
    recordReads: figures(contended.alone),
    recordReadsUnderWrites: figures(contended.underWrites),
    writes: figures(contended.writes),
  };
}

/** The region as the SQLite server stores it, to seed PostgreSQL with the very same data. */
async function readRegion(dataDir: string): Promise<Dataset> {
  const sqlite = await SqliteStore.open({
    dataDir,
    seed: () => Promise.reject(new Error('the region is already written')),
  });
  try {
    const snapshot = await sqlite.snapshot();
    return {
      resources: snapshot.resources,
      companies: { type: 'FeatureCollection', features: snapshot.companies },
      exchanges: snapshot.exchanges,
      impactFigures: snapshot.impactFigures,
      places: null,
    };
  } finally {
    await sqlite.close();
  }
}

export async function runStoresBench(options: StoresBenchOptions): Promise<StoresReport> {
  const env = { ATLAS_STAFF_TOKEN: BENCH_STAFF_TOKEN };
  const running: RunningServer[] = [];
  const start = async (extra: Record<string, string>, dataDir?: string) => {
    const server = await startServer({ ...env, ...extra }, dataDir);
    running.push(server);
    return server;
  };
  const stopAll = async () => {
    for (const server of running.splice(0).reverse()) await server.stop();
  };
  const rows: StoreRow[] = [];
  let cluster: PostgresCluster | null = null;
  let skipped: string | null = null;
  try {
    const region = await readRegion(options.dataDir);
    options.log?.('stores: starting a throwaway PostgreSQL cluster and copying the region into it …');
    const found = await startPostgresForTests();
    let url: string | null = null;
    if ('absent' in found) {
      skipped = `${found.absent}; to measure PostgreSQL, ${HOW_TO_RUN_POSTGRES}`;
      options.log?.(`stores: PostgreSQL rows skipped: ${skipped}`);
    } else {
      cluster = found;
      url = await createTestDatabase(found);
      await (await PostgresStore.open({ url, seed: async () => region })).close();
    }

    const sqlite = await start({}, options.dataDir);
    rows.push(await measure('SQLite, 1 instance', [sqlite.origin], sqlite.origin, options));
    await stopAll();
    if (url) {
      const one = await start({ DATABASE_URL: url });
      rows.push(await measure('PostgreSQL, 1 instance', [one.origin], one.origin, options));
      const two = await start({ DATABASE_URL: url });
      const proxy = await startProxy([one.origin, two.origin]);
      running.push(proxy);
      const setup = 'PostgreSQL, 2 instances behind a round-robin proxy';
      rows.push(await measure(setup, [one.origin, two.origin], proxy.origin, options));
    }
    return {
      companies: region.companies.features.length,
      durationS: options.durationS,
      connections: options.connections,
      rows,
      skipped,
    };
  } finally {
    await stopAll();
    await cluster?.stop();
  }
}
