import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { basemapManifestSchema } from '../domain/basemap.ts';
import { createApp } from './app.ts';
import { testService } from './testing.ts';

const emptyCollection = JSON.stringify({ type: 'FeatureCollection', features: [] });

async function geodataFixture(withDagi: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atlas-geodata-'));
  for (const name of ['land', 'shoreline', 'lakes', 'places', 'companies']) {
    await writeFile(path.join(dir, `${name}.geojson`), emptyCollection);
  }
  if (withDagi) {
    await mkdir(path.join(dir, 'dagi'));
    await writeFile(path.join(dir, 'dagi/municipalities.geojson'), emptyCollection);
    await writeFile(path.join(dir, 'dagi/municipality-labels.geojson'), emptyCollection);
  }
  return dir;
}

describe('the server', () => {
  let withDagi: ReturnType<typeof createApp>;
  let withoutDagi: ReturnType<typeof createApp>;

  beforeAll(async () => {
    withDagi = createApp({ geodataDir: await geodataFixture(true), service: await testService() });
    withoutDagi = createApp({ geodataDir: await geodataFixture(false), service: await testService() });
  });

  it('answers the health check', async () => {
    const response = await withDagi.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('lists municipality outlines in the basemap manifest only when they were built', async () => {
    const full = basemapManifestSchema.parse(await (await withDagi.request('/api/basemap')).json());
    const bare = basemapManifestSchema.parse(await (await withoutDagi.request('/api/basemap')).json());
    expect(full.municipalities).not.toBeNull();
    expect(full.attribution.join(' ')).toContain('DAGI');
    expect(bare.municipalities).toBeNull();
    expect(bare.attribution.join(' ')).not.toContain('DAGI');
    expect(bare.attribution.join(' ')).toContain('GSHHG');
  });

  it('serves basemap GeoJSON with its media type, and a 404 JSON body for outlines it does not have', async () => {
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
    const response = await createApp({ geodataDir: dir, service: await testService() }).request(
      '/geodata/land.geojson',
      {
        headers: { 'accept-encoding': 'gzip' },
      },
    );
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.byteLength).toBeLessThan(bigCollection.length / 4);
  });
});
