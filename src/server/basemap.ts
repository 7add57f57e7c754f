import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type BasemapManifest, basemapLayerPaths, basemapManifestSchema } from '../domain/basemap.ts';
import type { AtlasEnv } from './auth.ts';
import { answer, declared, errors, notModified } from './contract.ts';
import { PreparedBody, sendPrepared } from './prepared-body.ts';

const GEOJSON_TYPE = 'application/geo+json; charset=utf-8';

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

export const basemapManifest: BasemapManifest = { ...basemapLayerPaths, attribution: basemapAttribution };

const manifestRoute = createRoute({
  method: 'get',
  path: '/api/basemap',
  summary: 'Basemap layers on this server',
  responses: { 200: answer('Manifest', basemapManifestSchema), ...notModified, ...errors() },
});

/**
 * The manifest never changes while the server runs, and each layer file only when geodata/ is rebuilt: both
 * are served from memory, compressed once (the land alone is 760 kB), with an ETag browsers revalidate.
 */
export function mountBasemap(app: OpenAPIHono<AtlasEnv>, geodataDir: string): void {
  const manifest = PreparedBody.json(basemapManifest, 'public');
  app.openapi(manifestRoute, (c) => declared(manifestRoute, sendPrepared(c, manifest, { perCaller: false })));

  // The layer files are static files, not API answers: served as they are, outside the API document.
  /** By URL, with the size and modification time of the file it was read from. */
  const prepared = new Map<BasemapUrl, { stamp: string; body: PreparedBody }>();
  for (const url of Object.keys(basemapFiles) as BasemapUrl[]) {
    app.get(url, async (c) => {
      const file = path.join(geodataDir, basemapFiles[url]);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return c.json({ error: `${url} is not available on this server` }, 404);
      const stamp = `${info.size}-${info.mtimeMs}`;
      let cached = prepared.get(url);
      if (cached?.stamp !== stamp) {
        cached = {
          stamp,
          body: new PreparedBody(new Uint8Array(await readFile(file)), GEOJSON_TYPE, 'public'),
        };
        prepared.set(url, cached);
      }
      return sendPrepared(c, cached.body, { perCaller: false });
    });
  }
}
