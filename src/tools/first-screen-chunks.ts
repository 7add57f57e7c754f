// Gzip size of every built chunk, and which of them the first screen needs. Statically that is the entry
// with its static imports and the map's worker; when Chromium has loaded the page, what it actually fetched
// before the map was ready replaces the guess (a dynamic import that runs at start-up counts too). The build
// checks the static set against its budget (vite.config.ts); `npm run bench` reports the measured one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkRow {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Entry chunk, its static imports, or the map worker: needed before anything is drawn. */
  staticFirstScreen: boolean;
  /** Fetched by Chromium before the first idle with data; null when the browser part did not run. */
  loadedOnFirstScreen: boolean | null;
}

export interface ChunkReport {
  rows: ChunkRow[];
  /** Gzip bytes of the JS the first screen needs (measured when available, else the static set)… */
  firstScreenJsGzipBytes: number;
  /** …of which MapLibre's worker, which runs off the main thread but is needed before the map draws. */
  firstScreenWorkerGzipBytes: number;
  basis: 'measured in Chromium' | 'static imports';
}

const CODE = /\.(js|css)$/;
/** `import … from "./x.js"` or `import "./x.js"`, in any quote style; `import("./x.js")` is dynamic and left out. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`]\.\/([\w.-]+\.js)["'`]/g;
const WORKER_URL = /["'`](?:\/assets\/|\.\/)([\w.-]*worker[\w.-]*\.js)["'`]/g;

function entryFiles(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
}

function staticClosure(assetsDir: string, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(path.join(assetsDir, file), 'utf8');
    for (const match of [...code.matchAll(STATIC_IMPORT), ...code.matchAll(WORKER_URL)]) {
      if (match[1]) queue.push(match[1]);
    }
  }
  return seen;
}

export function measureChunks(distDir: string, loaded: ReadonlySet<string> | null): ChunkReport {
  const assetsDir = path.join(distDir, 'assets');
  const firstScreen = staticClosure(assetsDir, entryFiles(distDir));
  const rows = readdirSync(assetsDir)
    .filter((file) => CODE.test(file))
    .map((file) => {
      const content = readFileSync(path.join(assetsDir, file));
      return {
        file,
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
        staticFirstScreen: firstScreen.has(file),
        loadedOnFirstScreen: loaded ? loaded.has(file) : null,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const needed = rows.filter(
    (row) => row.file.endsWith('.js') && (loaded ? row.loadedOnFirstScreen === true : row.staticFirstScreen),
  );
  const sum = (list: readonly ChunkRow[]) => list.reduce((total, row) => total + row.gzipBytes, 0);
  return {
    rows,
    firstScreenJsGzipBytes: sum(needed),
    firstScreenWorkerGzipBytes: sum(needed.filter((row) => row.file.includes('worker'))),
    basis: loaded ? 'measured in Chromium' : 'static imports',
  };
}
