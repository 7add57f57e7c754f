// Pan and zoom in headless Chromium: the frame rate of one scripted flight (out over the region, then into
// Kalundborg harbour) on the app with a dense synthetic region, against the same flight on the bare MapLibre
// page with the same basemap, in the same browser and the same run.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { type RunningServer, startServer } from '../tests/support/server.ts';
import { startBarePage } from './bare-page.ts';
import { ratio, round } from './stats.ts';

export interface Flight {
  name: string;
  /** Frames MapLibre rendered while the camera moved, over how long it moved. */
  frames: number;
  ms: number;
  fps: number;
  /** page ÷ bare MapLibre. */
  ratioToBare: number | null;
  error?: string;
}

export interface FlyToReport {
  companies: number;
  exchanges: number;
  /** Each leg's camera: the flight goes through them in order. */
  legs: { lon: number; lat: number; zoom: number; durationMs: number }[];
  flights: Flight[];
}

export interface FlyToBenchOptions {
  dataDir: string;
  companies: number;
  exchanges: number;
  log?: (line: string) => void;
}

const VIEWPORT = { width: 1280, height: 800 };
const LOAD_TIMEOUT_MS = 120_000;
/** Out to the whole region, then into the harbour, where the flows are densest. */
const LEGS = [
  { lon: 11.55, lat: 55.72, zoom: 8.5, durationMs: 3000 },
  { lon: 11.1, lat: 55.665, zoom: 13.5, durationMs: 4000 },
];

/**
 * Runs in the page: flies each leg in turn and counts MapLibre's render events while the camera moves. A
 * string, not a function, for the same reason as in client.bench.ts (tsx would wrap inner functions).
 */
const flightScript = (mapExpression: string) => `(async () => {
  const map = ${mapExpression};
  let frames = 0;
  let ms = 0;
  const count = () => { frames++; };
  for (const leg of ${JSON.stringify(LEGS)}) {
    await new Promise((resolve) => {
      const started = performance.now();
      map.on('render', count);
      map.once('moveend', () => {
        map.off('render', count);
        ms += performance.now() - started;
        resolve();
      });
      map.flyTo({ center: [leg.lon, leg.lat], zoom: leg.zoom, duration: leg.durationMs, essential: true });
    });
  }
  return { frames, ms };
})()`;

async function fly(page: Page, mapExpression: string): Promise<{ frames: number; ms: number }> {
  return (await page.evaluate(flightScript(mapExpression))) as { frames: number; ms: number };
}

async function flightOn(
  browser: Browser,
  url: string,
  kind: 'bare' | 'app',
): Promise<{ frames: number; ms: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(url);
    if (kind === 'bare') {
      await page.waitForFunction(() => window.__bench?.readyAt != null, undefined, {
        timeout: LOAD_TIMEOUT_MS,
      });
      return await fly(page, 'window.__bareMap');
    }
    await page.waitForSelector('.atlas-map[data-data-status="ready"]', { timeout: LOAD_TIMEOUT_MS });
    return await fly(page, 'window.symbiosisAtlas.map');
  } finally {
    await context.close();
  }
}

export async function runFlyToBench(options: FlyToBenchOptions): Promise<FlyToReport> {
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  let closeBare: (() => Promise<void>) | null = null;
  try {
    server = await startServer({}, options.dataDir);
    const bare = await startBarePage(server.origin);
    closeBare = bare.close;
    browser = await launchChromium();
    const targets = [
      { name: 'bare MapLibre, same basemap (baseline)', url: bare.url, kind: 'bare' as const },
      {
        name: `app, ${options.companies.toLocaleString('en')} companies, ${options.exchanges.toLocaleString('en')} exchanges`,
        url: `${server.origin}/`,
        kind: 'app' as const,
      },
    ];
    const measured: { name: string; frames: number; ms: number; error?: string }[] = [];
    for (const target of targets) {
      const result = await flightOn(browser, target.url, target.kind).catch((error: unknown) => ({
        frames: 0,
        ms: Number.NaN,
        error: error instanceof Error ? error.message.split('\n')[0] : String(error),
      }));
      options.log?.(`flyTo: ${target.name}: ${result.frames} frames in ${Math.round(result.ms)} ms`);
      measured.push({ name: target.name, ...result });
    }
    const fpsOf = (frames: number, ms: number) => (ms > 0 ? round((1000 * frames) / ms, 1) : Number.NaN);
    const bareFps = fpsOf(measured[0]?.frames ?? 0, measured[0]?.ms ?? 0);
    return {
      companies: options.companies,
      exchanges: options.exchanges,
      legs: LEGS,
      flights: measured.map(({ name, frames, ms, error }) => ({
        name,
        frames,
        ms: round(ms),
        fps: fpsOf(frames, ms),
        ratioToBare: ratio(fpsOf(frames, ms), bareFps),
        ...(error ? { error } : {}),
      })),
    };
  } finally {
    await browser?.close();
    await closeBare?.();
    await server?.stop();
  }
}
