// The client in headless Chromium: time from navigation to the map's first idle with its data drawn, for the
// real dataset and for a synthetic region, against a bare MapLibre page with the same basemap measured in the
// same run. Also which built chunks the first screen fetched, for the size budget.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { type RunningServer, startServer } from '../tests/support/server.ts';
import { startBarePage } from './bare-page.ts';
import { median, ratio, round } from './stats.ts';

export type Readiness =
  | 'idle + data ready'
  | 'idle only (no data-data-status)'
  | 'idle (bare map)'
  | 'never ready';

export interface PageLoad {
  name: string;
  runsMs: number[];
  /** NaN when the page never became ready (see `error`). */
  medianMs: number;
  readiness: Readiness;
  /** Why the page could not be measured: a timeout, with the page's own errors. */
  error?: string;
  /** page ÷ bare MapLibre. */
  ratioToBare: number | null;
}

export interface ClientReport {
  chromium: string;
  viewport: { width: number; height: number };
  loads: PageLoad[];
  /** Requests to anything but 127.0.0.1: blocked, and listed here (must be empty). */
  foreignRequests: string[];
  /** /assets/ files the app fetched before it was ready (real dataset, first measured run). */
  firstScreenAssets: string[];
}

export interface ClientBenchOptions {
  /** A synthetic region's data directory, served by a second server. */
  syntheticDataDir: string;
  syntheticCompanies: number;
  /** At most this many measured rounds (each loads every page once)… */
  runs: number;
  /** …and no new round once this performance.now() time is past, so the whole benchmark keeps its budget. */
  deadline?: number;
  log?: (line: string) => void;
}

const VIEWPORT = { width: 1280, height: 800 };
/** How long after idle the app may take to show that it tracks its data at all. */
const DATA_STATUS_GRACE_MS = 5_000;
const LOAD_TIMEOUT_MS = 60_000;

interface Marks {
  idleAt: number | null;
  readyAt: number | null;
  sawDataStatus: boolean;
  dataError: boolean;
}

declare global {
  interface Window {
    __bench?: Partial<Marks>;
  }
}

/**
 * Runs in the page before any of its scripts: notes (in ms since navigation) the first moment the map
 * element says idle, and the first moment it says idle and data ready at once. A string, not a function:
 * tsx would wrap a function's inner functions in a helper that does not exist in the page.
 */
const WATCH_READINESS = `(() => {
  const marks = { idleAt: null, readyAt: null, sawDataStatus: false, dataError: false };
  window.__bench = marks;
  const check = () => {
    const map = document.querySelector('.atlas-map');
    if (!(map instanceof HTMLElement)) return;
    const idle = map.dataset.mapStatus === 'idle';
    if (map.dataset.dataStatus !== undefined) marks.sawDataStatus = true;
    if (map.dataset.dataStatus === 'error') marks.dataError = true;
    if (idle && marks.idleAt === null) marks.idleAt = performance.now();
    if (idle && map.dataset.dataStatus === 'ready' && marks.readyAt === null) marks.readyAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-map-status', 'data-data-status'],
  });
})();`;

async function measureApp(page: Page): Promise<{ ms: number; readiness: Readiness }> {
  await page.waitForFunction(() => window.__bench?.idleAt != null, undefined, { timeout: LOAD_TIMEOUT_MS });
  const saw = await page
    .waitForFunction(() => window.__bench?.sawDataStatus === true, undefined, {
      timeout: DATA_STATUS_GRACE_MS,
    })
    .then(() => true)
    .catch(() => false);
  if (saw) {
    await page.waitForFunction(() => window.__bench?.readyAt != null, undefined, {
      timeout: LOAD_TIMEOUT_MS,
    });
  }
  const marks = await page.evaluate(() => window.__bench ?? {});
  if (saw && typeof marks.readyAt === 'number') return { ms: marks.readyAt, readiness: 'idle + data ready' };
  return { ms: marks.idleAt ?? Number.NaN, readiness: 'idle only (no data-data-status)' };
}

async function measureBare(page: Page): Promise<{ ms: number; readiness: Readiness }> {
  await page.waitForFunction(() => window.__bench?.readyAt != null, undefined, { timeout: LOAD_TIMEOUT_MS });
  const ms = await page.evaluate(() => window.__bench?.readyAt ?? Number.NaN);
  return { ms, readiness: 'idle (bare map)' };
}

interface Target {
  name: string;
  url: string;
  kind: 'app' | 'bare';
  /** Note which built assets this page fetches (the app on the real dataset: the first screen's chunks). */
  recordAssets?: boolean;
}

/** One cold load: a fresh context, so nothing is cached from an earlier run. */
async function loadOnce(browser: Browser, target: Target, foreign: Set<string>, assets: Set<string> | null) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const pageErrors: string[] = [];
  try {
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
        return route.continue();
      }
      foreign.add(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (assets) {
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/assets/')) assets.add(pathname.slice('/assets/'.length));
      });
    }
    if (target.kind === 'app') await page.addInitScript({ content: WATCH_READINESS });
    await page.goto(target.url);
    return target.kind === 'app' ? await measureApp(page) : await measureBare(page);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const errors = pageErrors.length > 0 ? `; page errors: ${pageErrors.slice(0, 3).join(' | ')}` : '';
    throw new Error(`${target.name}: ${reason}${errors}`);
  } finally {
    await context.close();
  }
}

export async function runClientBench(options: ClientBenchOptions): Promise<ClientReport> {
  const servers: RunningServer[] = [];
  let browser: Browser | null = null;
  const closers: (() => Promise<void>)[] = [];
  try {
    const real = await startServer();
    servers.push(real);
    const synthetic = await startServer({}, options.syntheticDataDir);
    servers.push(synthetic);
    const bare = await startBarePage(real.origin);
    closers.push(bare.close);
    browser = await launchChromium();
    const targets: Target[] = [
      { name: 'bare MapLibre, same basemap (baseline)', url: bare.url, kind: 'bare' },
      { name: 'app, real dataset', url: `${real.origin}/`, kind: 'app', recordAssets: true },
      {
        name: `app, ${options.syntheticCompanies.toLocaleString('en')} companies`,
        url: `${synthetic.origin}/`,
        kind: 'app',
      },
    ];
    const foreign = new Set<string>();
    const firstScreenAssets = new Set<string>();
    const failed = new Map<string, string>();
    // One unmeasured load first: the first page in a fresh browser also pays for starting its GPU process.
    const [baseline] = targets;
    if (baseline) await loadOnce(browser, baseline, foreign, null).catch(() => undefined);
    const results = new Map<string, { runs: number[]; readiness: Readiness }>();
    // Rounds rather than one page after another, so that a noisy moment on a shared machine hits all pages.
    let roundMs = 0;
    for (let round = 0; round < options.runs; round++) {
      const roundStarted = performance.now();
      // A round that would end past the deadline is not started; the medians then rest on fewer runs.
      if (round > 0 && options.deadline !== undefined && roundStarted + roundMs > options.deadline) {
        options.log?.(`client: stopping after ${round} round(s) to stay within the time budget`);
        break;
      }
      for (const target of targets.filter((t) => !failed.has(t.name))) {
        const assets = round === 0 && target.recordAssets ? firstScreenAssets : null;
        const loaded = await loadOnce(browser, target, foreign, assets).catch((error: unknown) => {
          // Reported, and not waited for again in later rounds.
          failed.set(target.name, error instanceof Error ? error.message : String(error));
          options.log?.(`client: ${failed.get(target.name)}`);
          return null;
        });
        if (!loaded) continue;
        const { ms, readiness } = loaded;
        options.log?.(`client: ${target.name}: ${Math.round(ms)} ms (${readiness})`);
        const entry = results.get(target.name) ?? { runs: [], readiness };
        entry.runs.push(ms);
        results.set(target.name, entry);
      }
      roundMs = performance.now() - roundStarted;
    }
    const bareMedian = median(results.get(targets[0]?.name ?? '')?.runs ?? []);
    return {
      chromium: browser.version(),
      viewport: VIEWPORT,
      loads: targets.map(({ name }) => {
        const { runs, readiness } = results.get(name) ?? { runs: [], readiness: 'never ready' as const };
        const medianMs = round(median(runs));
        const error = failed.get(name);
        return {
          name,
          runsMs: runs.map((ms) => round(ms)),
          medianMs,
          readiness,
          ratioToBare: ratio(medianMs, bareMedian),
          ...(error ? { error } : {}),
        };
      }),
      foreignRequests: [...foreign],
      firstScreenAssets: [...firstScreenAssets].sort(),
    };
  } finally {
    await browser?.close();
    for (const close of closers) await close();
    for (const server of servers) await server.stop();
  }
}
