import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Env, Hono } from 'hono';
import type { BasemapManifest } from '../domain/basemap.ts';

/**
 * The basemap files the server publishes, by URL. An allowlist rather than a static folder: geodata/ also
 * holds the seed dataset, which must only ever leave the server through the API and its visibility rules.
 */
const basemapFiles = {
  '/geodata/land.geojson': 'land.geojson',
  '/geodata/shoreline.geojson': 'shoreline.geojson',
  '/geodata/lakes.geojson': 'lakes.geojson',
  '/geodata/places.geojson': 'places.geojson',
  '/geodata/municipalities.geojson': 'municipalities.geojson',
  '/geodata/municipality-borders.geojson': 'municipality-borders.geojson',
  '/geodata/municipality-labels.geojson': 'municipality-labels.geojson',
} as const;

type BasemapUrl = keyof typeof basemapFiles;

export const basemapAttribution = [
  'Coastline: GSHHG (LGPL), Wessel & Smith',
  'Municipalities: DAGI © Styrelsen for Dataforsyning og Infrastruktur',
  'Places: Symbiosis Atlas, from public sources',
];

export const basemapManifest: BasemapManifest = {
  land: '/geodata/land.geojson',
  shoreline: '/geodata/shoreline.geojson',
  lakes: '/geodata/lakes.geojson',
  places: '/geodata/places.geojson',
  municipalities: {
    areas: '/geodata/municipalities.geojson',
    borders: '/geodata/municipality-borders.geojson',
    labels: '/geodata/municipality-labels.geojson',
  },
  attribution: basemapAttribution,
};

/**
 * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): the compression middleware turns our ETag into
 * `W/"…"`, and browsers send back exactly what they were given.
 */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

export function mountBasemap<E extends Env>(app: Hono<E>, geodataDir: string): void {
  app.get('/api/basemap', (c) => c.json(basemapManifest));

  for (const url of Object.keys(basemapFiles) as BasemapUrl[]) {
    app.get(url, async (c) => {
      const file = path.join(geodataDir, basemapFiles[url]);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return c.json({ error: `${url} is not available on this server` }, 404);
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
      c.header('content-type', 'application/geo+json; charset=utf-8');
      c.header('cache-control', 'no-cache');
      c.header('etag', etag);
      return c.body(await readFile(file));
    });
  }
}
