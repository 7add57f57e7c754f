// Throughput and latency of the read API on a synthetic region, each endpoint against the server's own
// static-file route measured in the same run: the ratio says what the endpoint's work costs on top of
// HTTP, Hono and the middleware every request goes through.
import autocannon from 'autocannon';
import type { CompanyCollection } from '../src/domain/schema.ts';
import { mulberry32 } from '../src/tools/synthetic-region.ts';
import { type RunningServer, startServer } from '../tests/support/server.ts';
import { ratio, round } from './stats.ts';

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
  /** endpoint ÷ baseline. */
  throughputRatio: number | null;
  latencyRatio: number | null;
}

export interface ApiReport {
  companies: number;
  durationS: number;
  connections: number;
  /** First request after start-up: loading the snapshot, building the matching index. */
  coldMs: Record<string, number>;
  rows: ApiRow[];
}

export interface ApiBenchOptions {
  dataDir: string;
  durationS: number;
  connections: number;
  seed: number;
  log?: (line: string) => void;
}

/** As a browser asks: the server compresses large JSON, and that cost belongs in the measurement. */
const headers = { 'accept-encoding': 'gzip' };

async function timedGet(origin: string, path: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  const body: unknown = await response.json();
  return { ms: round(performance.now() - started), body };
}

/** Many different queries, so that the numbers are not those of one lucky company. */
function queryPaths(
  companies: CompanyCollection,
  seed: number,
): { candidates: string[]; partners: string[] } {
  const random = mulberry32(seed);
  const features = companies.features;
  const candidates: string[] = [];
  const partners: string[] = [];
  for (let i = 0; i < Math.min(200, features.length); i++) {
    const feature = features[Math.floor(random() * features.length)];
    if (!feature) continue;
    const { id, streams } = feature.properties;
    candidates.push(`/api/candidates?company=${encodeURIComponent(id)}`);
    const [lon, lat] = feature.geometry.coordinates;
    const stream = streams[Math.floor(random() * streams.length)];
    const resource = stream ? `&resource=${stream.resourceId}` : '';
    partners.push(`/api/partners?lon=${lon}&lat=${lat}&radiusKm=10${resource}&direction=input`);
  }
  return { candidates, partners };
}

async function hammer(origin: string, paths: readonly string[], options: ApiBenchOptions) {
  const result = await autocannon({
    url: origin,
    connections: options.connections,
    duration: options.durationS,
    headers,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  const requests = result['2xx'] + result.non2xx;
  return {
    requestsPerSec: round(requests / Math.max(result.duration, 1e-3)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    failures: result.non2xx + result.errors,
  };
}

export async function runApiBench(options: ApiBenchOptions): Promise<ApiReport> {
  let server: RunningServer | null = null;
  try {
    server = await startServer({}, options.dataDir);
    const { hostname } = new URL(server.origin);
    if (hostname !== '127.0.0.1') throw new Error(`the server must listen on loopback only, not ${hostname}`);
    const origin = server.origin;
    const companies = await timedGet(origin, '/api/companies');
    const collection = companies.body as CompanyCollection;
    const { candidates, partners } = queryPaths(collection, options.seed);
    const firstCandidates = candidates[0] ?? '/api/candidates';
    const coldMs = {
      '/api/companies': companies.ms,
      '/api/candidates': (await timedGet(origin, firstCandidates)).ms,
    };

    const endpoints: { name: string; paths: readonly string[]; baseline: boolean }[] = [
      { name: 'static file (baseline)', paths: ['/favicon.svg'], baseline: true },
      { name: 'GET /api/companies', paths: ['/api/companies'], baseline: false },
      { name: 'GET /api/candidates?company=…', paths: candidates, baseline: false },
      { name: 'GET /api/partners?…', paths: partners, baseline: false },
    ];
    const measured = [];
    for (const endpoint of endpoints) {
      options.log?.(`api: ${endpoint.name} for ${options.durationS} s …`);
      const numbers = await hammer(origin, endpoint.paths, options);
      options.log?.(`  ${numbers.requestsPerSec} req/s, p50 ${numbers.p50Ms} ms, p99 ${numbers.p99Ms} ms`);
      measured.push({ ...endpoint, ...numbers });
    }
    const baseline = measured.find((row) => row.baseline);
    return {
      companies: collection.features.length,
      durationS: options.durationS,
      connections: options.connections,
      coldMs,
      rows: measured.map(({ paths, ...row }) => ({
        ...row,
        example: paths[0] ?? '',
        // Higher is better for throughput and lower for latency, so both ratios read "times the baseline".
        throughputRatio: ratio(row.requestsPerSec, baseline?.requestsPerSec),
        latencyRatio: ratio(row.p50Ms, baseline?.p50Ms),
      })),
    };
  } finally {
    await server?.stop();
  }
}
