import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { basemapManifestSchema } from '../domain/basemap.ts';
import { createApp } from './app.ts';
import { checkedApp, testService } from './testing.ts';

const emptyCollection = JSON.stringify({ type: 'FeatureCollection', features: [] });

/** The server as it runs, every answer checked against its OpenAPI document. */
const serverOn = async (geodataDir: string) =>
  checkedApp(createApp({ geodataDir, service: await testService() }));

/** A geodata folder with empty basemap layers; `withMunicipalities: false` leaves their files out. */
async function geodataFixture(withMunicipalities: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atlas-geodata-'));
  const layers = ['land', 'shoreline', 'lakes', 'places', 'companies'];
  if (withMunicipalities) layers.push('municipalities', 'municipality-borders', 'municipality-labels');
  for (const name of layers) await writeFile(path.join(dir, `${name}.geojson`), emptyCollection);
  return dir;
}

describe('the server', () => {
  let withDagi: ReturnType<typeof createApp>;
  let withoutDagi: ReturnType<typeof createApp>;

  beforeAll(async () => {
    withDagi = await serverOn(await geodataFixture(true));
    withoutDagi = await serverOn(await geodataFixture(false));
  });

  it('answers the health check', async () => {
    const response = await withDagi.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('announces every basemap layer, municipalities included, with the attribution each source asks for', async () => {
    const manifest = basemapManifestSchema.parse(await (await withDagi.request('/api/basemap')).json());
    expect(manifest.municipalities.areas).toBe('/geodata/municipalities.geojson');
    expect(manifest.municipalities.borders).toBe('/geodata/municipality-borders.geojson');
    expect(manifest.attribution.join(' ')).toContain('DAGI');
    expect(manifest.attribution.join(' ')).toContain('GSHHG');
  });

  it('ships the municipality layers in the repository, so a fresh clone draws them', async () => {
    const geodataDir = path.resolve(import.meta.dirname, '../../geodata');
    const app = await serverOn(geodataDir);
    for (const url of Object.values(
      basemapManifestSchema.parse(await (await app.request('/api/basemap')).json()).municipalities,
    )) {
      const response = await app.request(url);
      expect(response.status, url).toBe(200);
      const names = (
        (await response.json()) as { features: { properties: { name?: string } }[] }
      ).features.map((feature) => feature.properties.name);
      if (!url.includes('borders'))
        expect(names).toEqual(expect.arrayContaining(['Kalundborg', 'Holbæk', 'Odsherred']));
    }
  });

  it('answers a browser revalidating a basemap layer with 304, whether it sends the ETag weak or strong', async () => {
    const first = await withDagi.request('/geodata/land.geojson');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    for (const sent of [etag, `W/${etag}`, `"other", W/${etag}`]) {
      const again = await withDagi.request('/geodata/land.geojson', { headers: { 'if-none-match': sent } });
      expect(again.status, sent).toBe(304);
    }
    const stale = await withDagi.request('/geodata/land.geojson', {
      headers: { 'if-none-match': 'W/"stale"' },
    });
    expect(stale.status).toBe(200);
  });

  it('serves basemap GeoJSON with its media type, and a 404 JSON body for a layer it does not have', async () => {
    const land = await withDagi.request('/geodata/land.geojson');
    expect(land.status).toBe(200);
    expect(land.headers.get('content-type')).toContain('application/geo+json');
    const missing = await withoutDagi.request('/geodata/municipalities.geojson');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toHaveProperty('error');
  });

  it('never serves the seed dataset or other files from geodata/ directly', async () => {
    for (const url of ['/geodata/companies.geojson', '/geodata/../package.json', '/geodata/dagi/']) {
      expect((await withDagi.request(url)).status).toBe(404);
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await withDagi.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'No API route for GET /api/nothing-here' });
  });

  it('sends a content security policy that keeps the page on its own origin', async () => {
    const policy = (await withDagi.request('/api/health')).headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});

describe('the server over the wire', () => {
  it('compresses GeoJSON for clients that accept gzip', async () => {
    const dir = await geodataFixture(false);
    const bigCollection = JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: 200 }, (_, i) => ({
        type: 'Feature',
        properties: { kind: 'land' },
        geometry: { type: 'Point', coordinates: [11 + i / 1000, 55.5] },
      })),
    });
    await writeFile(path.join(dir, 'land.geojson'), bigCollection);
    const response = await (await serverOn(dir)).request('/geodata/land.geojson', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.byteLength).toBeLessThan(bigCollection.length / 4);
  });
});
