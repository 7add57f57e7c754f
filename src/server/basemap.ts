import { existsSync } from 'node:fs';
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
  '/geodata/municipalities.geojson': 'dagi/municipalities.geojson',
  '/geodata/municipality-labels.geojson': 'dagi/municipality-labels.geojson',
} as const;

type BasemapUrl = keyof typeof basemapFiles;

export const basemapAttribution = [
  'Coastline: GSHHG (LGPL), Wessel & Smith',
  'Municipalities: DAGI © Styrelsen for Dataforsyning og Infrastruktur',
  'Places: Symbiosis Atlas, from public sources',
];

export function basemapManifest(geodataDir: string): BasemapManifest {
  const hasMunicipalities =
    existsSync(path.join(geodataDir, basemapFiles['/geodata/municipalities.geojson'])) &&
    existsSync(path.join(geodataDir, basemapFiles['/geodata/municipality-labels.geojson']));
  return {
    land: '/geodata/land.geojson',
    shoreline: '/geodata/shoreline.geojson',
    lakes: '/geodata/lakes.geojson',
    places: '/geodata/places.geojson',
    municipalities: hasMunicipalities
      ? { outlines: '/geodata/municipalities.geojson', labels: '/geodata/municipality-labels.geojson' }
      : null,
    attribution: hasMunicipalities
      ? basemapAttribution
      : basemapAttribution.filter((line) => !line.startsWith('Municipalities')),
  };
}

export function mountBasemap<E extends Env>(app: Hono<E>, geodataDir: string): void {
  app.get('/api/basemap', (c) => c.json(basemapManifest(geodataDir)));

  for (const url of Object.keys(basemapFiles) as BasemapUrl[]) {
    app.get(url, async (c) => {
      const file = path.join(geodataDir, basemapFiles[url]);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return c.json({ error: `${url} is not available on this server` }, 404);
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      c.header('content-type', 'application/geo+json; charset=utf-8');
      c.header('cache-control', 'no-cache');
      c.header('etag', etag);
      return c.body(await readFile(file));
    });
  }
}
