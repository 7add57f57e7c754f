// Throughput and latency of the read API on a synthetic region. The baseline is an ideal static server (its
// own process, like the atlas) sending the very bytes of the map's company layer, pre-compressed, from
// memory: the ratio says what the atlas's HTTP stack, middleware and caching cost on top of that.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { MapCompany } from '../src/domain/api.ts';
import { mulberry32 } from '../src/tools/synthetic-region.ts';
import { type RunningServer, startServer, waitForListening } from '../tests/support/server.ts';
import { median, ratio, round } from './stats.ts';

export interface ApiRow {
  name: string;
  /** One of the paths requested (the benchmark cycles through many for the data endpoints). */
  example: string;
  baseline: boolean;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** non-2xx responses plus connection errors: must be 0 for the numbers to mean anything. */
  failures: number;
  /**
   * CPU time the server process spent per request (user + system, from /proc; null where there is none).
   * Unlike req/s it does not depend on how fast the load generator, on the same machine, can take answers.
   */
  serverCpuUsPerRequest: number | null;
  /** endpoint ÷ baseline. */
  throughputRatio: number | null;
  latencyRatio: number | null;
}

/** The map's company layer (GET /api/map/companies) as sent, in bytes. */
export interface LayerSize {
  companies: number;
  bytes: number;
  gzipBytes: number;
  brBytes: number;
  bytesPerCompany: number;
  /** The full layer (GET /api/companies, every stream in full), for comparison. */
  fullBytesPerCompany: number;
}

export interface ApiReport {
  companies: number;
  durationS: number;
  connections: number;
  /** What the benchmark sends as Accept-Encoding (a browser's). */
  acceptEncoding: string;
  /** First request after start-up: loading the snapshot, serialising and compressing, building the index. */
  coldMs: Record<string, number>;
  layer: LayerSize;
  rows: ApiRow[];
}

export interface ApiBenchOptions {
  dataDir: string;
  durationS: number;
  /** Unmeasured load before each measurement, so that no endpoint pays for the JIT warming up. */
  warmupS: number;
  /** The ideal static server and the map's layer are measured in this many alternating rounds. */
  pairRounds: number;
  connections: number;
  seed: number;
  log?: (line: string) => void;
}

export const MAP_LAYER_PATH = '/api/map/companies';
export const IDEAL_STATIC_ROW = 'ideal static server (baseline)';
export const MAP_LAYER_ROW = `GET ${MAP_LAYER_PATH}`;
export const P99_ROWS = ['GET /api/candidates?company=…', 'GET /api/partners?…', 'GET /api/exchanges'];
/** Record reads alone and while writers change records, measured in alternating rounds. */
export const WRITERS = 20;
/** The pairs measured: the map's layer (every visitor's read), then one company's details (a record read). */
export const CONTENDED_READS = [
  {
    path: MAP_LAYER_PATH,
    alone: `GET ${MAP_LAYER_PATH}, reads alone`,
    underWrites: `GET ${MAP_LAYER_PATH}, under ${WRITERS} writers`,
    writes: `PATCH /api/streams/{id}, ${WRITERS} writers, beside the layer reads`,
  },
  {
    path: '/api/companies/{id}',
    alone: 'GET /api/companies/{id}, reads alone',
    underWrites: `GET /api/companies/{id}, under ${WRITERS} writers`,
    writes: `PATCH /api/streams/{id}, ${WRITERS} writers, beside the record reads`,
  },
] as const;
/** The writers' staff token: the benchmark's server is its own, on loopback. */
export const BENCH_STAFF_TOKEN = 'bench-staff-token-0123456789abcdef';

/** As a browser asks: brotli is what a browser gets, from the atlas and the ideal server alike. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const headers = { 'accept-encoding': ACCEPT_ENCODING };

interface RawAnswer {
  bytes: Buffer;
  contentType: string;
  ms: number;
}

/** A GET through node:http, which (unlike fetch) keeps the bytes exactly as the server sent them. */
function rawGet(origin: string, urlPath: string, acceptEncoding: string): Promise<RawAnswer> {
  const started = performance.now();
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: hostname, port, path: urlPath, headers: { 'accept-encoding': acceptEncoding } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`GET ${urlPath} answered ${response.statusCode}`));
            return;
          }
          const sent = response.headers['content-encoding'] ?? 'identity';
          if (sent !== acceptEncoding)
            reject(new Error(`GET ${urlPath} came as ${sent}, not ${acceptEncoding}`));
          resolve({
            bytes: Buffer.concat(chunks),
            contentType: response.headers['content-type'] ?? 'application/octet-stream',
            ms: round(performance.now() - started),
          });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The ids of these companies' streams, for the writers to change. */
export async function streamIdsOf(origin: string, companyIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const id of companyIds) {
    const response = await fetch(`${origin}/api/companies/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${BENCH_STAFF_TOKEN}` },
    });
    const detail = (await response.json()) as { company: { properties: { streams: { id: string }[] } } };
    ids.push(...detail.company.properties.streams.map((stream) => stream.id));
  }
  if (ids.length === 0) throw new Error('the synthetic region has no streams to write');
  return ids;
}

/** The ideal static server in a process of its own, holding `answers` (the same response in each coding). */
async function startIdealStaticServer(
  answers: Record<'identity' | 'gzip' | 'br', Buffer>,
  contentType: string,
): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'symbiosis-atlas-ideal-static-'));
  for (const [coding, bytes] of Object.entries(answers))
    await writeFile(path.join(dir, `body.${coding}`), bytes);
  await writeFile(path.join(dir, 'content-type.txt'), contentType);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'ideal-static-server.ts'), dir],
    { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const origin = await waitForListening(child);
  return {
    origin,
    dataDir: dir,
    pid: child.pid,
    output: () => '',
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Many different queries, so that the numbers are not those of one lucky company. */
function queryPaths(
  companies: readonly MapCompany[],
  seed: number,
): { candidates: string[]; partners: string[] } {
  const random = mulberry32(seed);
  const candidates: string[] = [];
  const partners: string[] = [];
  for (let i = 0; i < Math.min(200, companies.length); i++) {
    const company = companies[Math.floor(random() * companies.length)];
    if (!company) continue;
    candidates.push(`/api/candidates?company=${encodeURIComponent(company.id)}`);
    const stream = company.streams[Math.floor(random() * company.streams.length)];
    const resource = stream ? `&resource=${stream[0]}` : '';
    partners.push(
      `/api/partners?lon=${company.lon}&lat=${company.lat}&radiusKm=10${resource}&direction=input`,
    );
  }
  return { candidates, partners };
}

export interface Endpoint {
  name: string;
  origin: string;
  /** The process answering, whose CPU time is measured. */
  pid: number | undefined;
  paths: readonly string[];
  baseline: boolean;
}

export interface Measurement {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  seconds: number;
  serverCpuMs: number | null;
}

/** User + system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
async function cpuMsOf(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export async function hammer(
  endpoint: Endpoint,
  options: ApiBenchOptions,
  durationS: number,
): Promise<Measurement> {
  const cpuBefore = await cpuMsOf(endpoint.pid);
  const result = await autocannon({
    url: endpoint.origin,
    connections: options.connections,
    duration: durationS,
    headers,
    requests: endpoint.paths.map((urlPath) => ({ method: 'GET', path: urlPath })),
  });
  const requests = result['2xx'] + result.non2xx;
  const seconds = Math.max(result.duration, 1e-3);
  const cpuAfter = await cpuMsOf(endpoint.pid);
  return {
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    requestsPerSec: round(requests / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    failures: result.non2xx + result.errors,
    seconds,
  };
}

/**
 * 20 connections of staff writes for `durationS`, each a different change (the store skips a write that
 * changes nothing): a new availability text for one of `streamIds` in turn, which the public sees.
 */
async function writeLoad(
  origin: string,
  streamIds: readonly string[],
  durationS: number,
): Promise<Measurement> {
  let counter = 0;
  const result = await autocannon({
    url: origin,
    connections: WRITERS,
    duration: durationS,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request) => {
          counter++;
          return {
            ...request,
            path: `/api/streams/${streamIds[counter % streamIds.length]}`,
            headers: { authorization: `Bearer ${BENCH_STAFF_TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              availability: { da: `Ledig, måling ${counter}.`, en: `Available, count ${counter}.` },
            }),
          };
        },
      },
    ],
  });
  const requests = result['2xx'] + result.non2xx;
  const seconds = Math.max(result.duration, 1e-3);
  return {
    serverCpuMs: null,
    requestsPerSec: round(requests / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    failures: result.non2xx + result.errors,
    seconds,
  };
}

/**
 * Reads alone and reads while 20 writers change records, in alternating rounds on the same server and
 * data, so that the ratio compares like with like on a shared machine.
 */
export async function readsUnderWrites(
  reads: Endpoint,
  streamIds: readonly string[],
  options: ApiBenchOptions,
): Promise<{ alone: Measurement; underWrites: Measurement; writes: Measurement }> {
  const alone: Measurement[] = [];
  const under: Measurement[] = [];
  const writes: Measurement[] = [];
  const roundS = (2 * options.durationS) / options.pairRounds;
  for (let round = 0; round < options.pairRounds; round++) {
    const measureAlone = async () => alone.push(await hammer(reads, options, roundS));
    const measureUnder = async () => {
      const [read, written] = await Promise.all([
        hammer(reads, options, roundS),
        writeLoad(reads.origin, streamIds, roundS),
      ]);
      under.push(read);
      writes.push(written);
    };
    if (round % 2 === 0) {
      await measureAlone();
      await measureUnder();
    } else {
      await measureUnder();
      await measureAlone();
    }
  }
  return { alone: combine(alone), underWrites: combine(under), writes: combine(writes) };
}

/** Rounds of one endpoint as one measurement: all requests over all seconds; the rounds' median p50 and worst p99. */
function combine(rounds: readonly Measurement[]): Measurement {
  const requests = rounds.reduce((sum, r) => sum + r.requests, 0);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const cpu = rounds.map((r) => r.serverCpuMs);
  return {
    serverCpuMs: cpu.some((ms) => ms === null) ? null : cpu.reduce<number>((sum, ms) => sum + (ms ?? 0), 0),
    requestsPerSec: round(requests / Math.max(seconds, 1e-3)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    requests,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    seconds,
  };
}

/**
 * Two endpoints in alternating rounds (A B, B A, A B, …): on a shared machine the load changes by the second,
 * and a ratio of two measurements taken apart would measure that change as much as the endpoints.
 */
async function hammerInterleaved(
  pair: readonly [Endpoint, Endpoint],
  options: ApiBenchOptions,
): Promise<[Measurement, Measurement]> {
  const rounds: [Measurement[], Measurement[]] = [[], []];
  // Twice an ordinary endpoint's time, since this pair decides the throughput target.
  const roundS = (2 * options.durationS) / options.pairRounds;
  for (let round = 0; round < options.pairRounds; round++) {
    const order = round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const i of order) rounds[i].push(await hammer(pair[i], options, roundS));
  }
  return [combine(rounds[0]), combine(rounds[1])];
}

export async function runApiBench(options: ApiBenchOptions): Promise<ApiReport> {
  let server: RunningServer | null = null;
  let ideal: RunningServer | null = null;
  try {
    server = await startServer({ ATLAS_STAFF_TOKEN: BENCH_STAFF_TOKEN }, options.dataDir);
    const { hostname } = new URL(server.origin);
    if (hostname !== '127.0.0.1') throw new Error(`the server must listen on loopback only, not ${hostname}`);
    const origin = server.origin;

    // First requests, each the first of its kind since start: they pay for reading and preparing.
    const coldMs: Record<string, number> = {};
    const layer = await rawGet(origin, MAP_LAYER_PATH, 'identity');
    coldMs[MAP_LAYER_PATH] = layer.ms;
    const gzip = await rawGet(origin, MAP_LAYER_PATH, 'gzip');
    const br = await rawGet(origin, MAP_LAYER_PATH, 'br');
    const full = await rawGet(origin, '/api/companies', 'identity');
    coldMs['/api/companies'] = full.ms;
    const companies = JSON.parse(layer.bytes.toString('utf8')) as MapCompany[];
    const { candidates, partners } = queryPaths(companies, options.seed);
    const firstCandidates = candidates[0] ?? '/api/candidates';
    coldMs['/api/candidates'] = (await rawGet(origin, firstCandidates, 'identity')).ms;

    ideal = await startIdealStaticServer(
      { identity: layer.bytes, gzip: gzip.bytes, br: br.bytes },
      layer.contentType,
    );

    const atlas = { origin, pid: server.pid, baseline: false };
    const idealRow: Endpoint = {
      name: IDEAL_STATIC_ROW,
      origin: ideal.origin,
      pid: ideal.pid,
      paths: [MAP_LAYER_PATH],
      baseline: true,
    };
    const layerRow: Endpoint = { ...atlas, name: MAP_LAYER_ROW, paths: [MAP_LAYER_PATH] };
    const log = (name: string, numbers: Measurement) =>
      options.log?.(
        `  ${name}: ${numbers.requestsPerSec} req/s, p50 ${numbers.p50Ms} ms, p99 ${numbers.p99Ms} ms, ` +
          `server CPU ${numbers.serverCpuMs ?? '–'} ms for ${numbers.requests} requests`,
      );
    options.log?.(
      `api: ${idealRow.name} and ${layerRow.name}, ${options.pairRounds} alternating rounds, ` +
        `${2 * options.durationS} s each in all …`,
    );
    for (const endpoint of [idealRow, layerRow]) {
      if (options.warmupS > 0) await hammer(endpoint, options, options.warmupS);
    }
    const [idealNumbers, layerNumbers] = await hammerInterleaved([idealRow, layerRow], options);
    log(idealRow.name, idealNumbers);
    log(layerRow.name, layerNumbers);
    const measured = [
      { ...idealRow, ...idealNumbers },
      { ...layerRow, ...layerNumbers },
    ];

    const endpoints: Endpoint[] = [
      { ...atlas, name: 'GET /api/companies (full layer)', paths: ['/api/companies'] },
      { ...atlas, name: 'GET /api/exchanges', paths: ['/api/exchanges'] },
      { ...atlas, name: 'GET /api/candidates?company=…', paths: candidates },
      { ...atlas, name: 'GET /api/partners?…', paths: partners },
    ];
    for (const endpoint of endpoints) {
      options.log?.(`api: ${endpoint.name} for ${options.durationS} s …`);
      if (options.warmupS > 0) await hammer(endpoint, options, options.warmupS);
      const numbers = await hammer(endpoint, options, options.durationS);
      log(endpoint.name, numbers);
      measured.push({ ...endpoint, ...numbers });
    }
    // Last, since the writers change the data the rows above read.
    const detailPaths = companies
      .slice(0, 200)
      .map((company) => `/api/companies/${encodeURIComponent(company.id)}`);
    const streamIds = await streamIdsOf(
      origin,
      companies.slice(0, 40).map((company) => company.id),
    );
    for (const pair of CONTENDED_READS) {
      const paths = pair.path === MAP_LAYER_PATH ? [MAP_LAYER_PATH] : detailPaths;
      const readsRow: Endpoint = { ...atlas, name: pair.alone, paths };
      options.log?.(`api: ${pair.alone} and ${pair.underWrites}, ${options.pairRounds} alternating rounds …`);
      if (options.warmupS > 0) await hammer(readsRow, options, options.warmupS);
      const contended = await readsUnderWrites(readsRow, streamIds, options);
      log(pair.alone, contended.alone);
      log(pair.underWrites, contended.underWrites);
      log(pair.writes, contended.writes);
      measured.push(
        { ...readsRow, ...contended.alone },
        { ...readsRow, name: pair.underWrites, ...contended.underWrites },
        { ...readsRow, name: pair.writes, paths: ['/api/streams/{id}'], ...contended.writes },
      );
    }

    const baseline = measured.find((row) => row.baseline);
    return {
      companies: companies.length,
      durationS: options.durationS,
      connections: options.connections,
      acceptEncoding: ACCEPT_ENCODING,
      coldMs,
      layer: {
        companies: companies.length,
        bytes: layer.bytes.length,
        gzipBytes: gzip.bytes.length,
        brBytes: br.bytes.length,
        bytesPerCompany: round(layer.bytes.length / Math.max(companies.length, 1)),
        fullBytesPerCompany: round(full.bytes.length / Math.max(companies.length, 1)),
      },
      rows: measured.map(({ paths, origin: _origin, pid: _pid, seconds: _seconds, serverCpuMs, ...row }) => ({
        ...row,
        example: paths[0] ?? '',
        serverCpuUsPerRequest:
          serverCpuMs === null || row.requests === 0 ? null : round((1000 * serverCpuMs) / row.requests),
        // Higher is better for throughput and lower for latency, so both ratios read "times the baseline".
        throughputRatio: ratio(row.requestsPerSec, baseline?.requestsPerSec),
        latencyRatio: ratio(row.p50Ms, baseline?.p50Ms),
      })),
    };
  } finally {
    await ideal?.stop();
    await server?.stop();
  }
}
