// The client benchmark's baseline: a page with nothing but MapLibre and the app's own basemap style. It is
// served from a loopback server of its own that hands out MapLibre's prebuilt files and passes every other
// request (/api/basemap, /geodata/…) to the atlas server, so the page is same-origin with its data
// exactly as the app is, and nothing leaves 127.0.0.1.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type BasemapManifest, basemapExtent, regionBounds } from '../src/domain/basemap.ts';
import { buildBasemapStyle } from '../src/map/basemap-style.ts';

export interface BarePage {
  url: string;
  close(): Promise<void>;
}

const maplibreDir = path.resolve(import.meta.dirname, '../node_modules/maplibre-gl/dist');
const maplibreFiles: Record<string, string> = {
  '/maplibre/maplibre-gl.mjs': 'text/javascript',
  '/maplibre/maplibre-gl-worker.mjs': 'text/javascript',
  '/maplibre/maplibre-gl.css': 'text/css',
};
// The app's label font, which MapLibre draws its labels from (the style has no glyph URL): the bare page
// loads the same files, so both pages do the same label work.
const fontDir = path.resolve(import.meta.dirname, '../node_modules/@fontsource/noto-sans/files');
const fontFiles = ['400-normal', '700-normal', '400-italic'].map((face) => `noto-sans-latin-${face}.woff2`);
const fontFaces = fontFiles
  .map((file) => {
    const [, weight, style] = /latin-(\d+)-(\w+)\./.exec(file) ?? [];
    return `@font-face{font-family:"Noto Sans";font-weight:${weight};font-style:${style};src:url(/fonts/${file}) format("woff2")}`;
  })
  .join('');

function html(origin: string, manifest: BasemapManifest): string {
  const style = buildBasemapStyle({ manifest, resolveUrl: (p) => `${origin}${p}` });
  // The same camera and limits as src/map/atlas-map.ts, so that both pages draw the same tiles.
  const options = {
    container: 'map',
    style,
    bounds: regionBounds,
    fitBoundsOptions: { padding: 32 },
    maxBounds: basemapExtent,
    minZoom: 7,
    maxZoom: 15,
    attributionControl: false,
    localIdeographFontFamily: 'sans-serif',
  };
  // `<` is escaped so that no string in the style can close the script element.
  const json = JSON.stringify(options).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>Bare MapLibre</title>
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>${fontFaces}html,body,#map{margin:0;width:100%;height:100%}</style></head>
<body><div id="map"></div>
<script type="module">
import { Map, setWorkerUrl } from '/maplibre/maplibre-gl.mjs';
setWorkerUrl(new URL('/maplibre/maplibre-gl-worker.mjs', location.href).href);
const map = new Map(${json});
window.__bareMap = map;
map.once('idle', () => { window.__bench = { readyAt: performance.now() }; });
</script></body></html>`;
}

async function proxy(upstream: string, url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const response = await fetch(`${upstream}${url}`);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function startBarePage(atlasOrigin: string): Promise<BarePage> {
  const manifest = (await (await fetch(`${atlasOrigin}/api/basemap`)).json()) as BasemapManifest;
  let page = '';
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    const reply = (status: number, type: string, body: Buffer | string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    const type = maplibreFiles[url];
    const font = fontFiles.find((file) => url === `/fonts/${file}`);
    const work =
      url === '/'
        ? Promise.resolve(reply(200, 'text/html; charset=utf-8', page))
        : type
          ? readFile(path.join(maplibreDir, path.basename(url))).then((body) => reply(200, type, body))
          : font
            ? readFile(path.join(fontDir, font)).then((body) => reply(200, 'font/woff2', body))
            : proxy(atlasOrigin, url).then(({ status, type, body }) => reply(status, type, body));
    work.catch((error: unknown) => reply(502, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  page = html(origin, manifest);
  return {
    url: `${origin}/`,
    close: () =>
      new Promise((resolve) => {
        // Chromium keeps connections alive; close() alone would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
