// The reads every map load asks for, served from memory like static files: per caller level, compressed
// once, revalidated by ETag. Asserted over the raw bytes on the wire (compressed bodies decompressed here),
// because a cache that mixed levels up would leak in exactly the bytes a browser or a proxy keeps.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapCompanyListSchema } from '../../src/domain/api.ts';
import { CompanyCollectionSchema } from '../../src/domain/schema.ts';
import { expectDeclared, fetchDeclared } from '../support/contract.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const staffToken = 'read-cache-test-staff-token-0123456789';
const staff = { authorization: `Bearer ${staffToken}` };
const codings = ['identity', 'gzip', 'br'] as const;

/** Answered per caller level, and asked for by every map load. */
const perCallerReads = [
  '/api/resources',
  '/api/companies',
  '/api/map/companies',
  '/api/exchanges',
  '/api/stats',
  '/api/impact-figures',
  '/api/export/companies.geojson',
];
const cachedReads = [...perCallerReads, '/api/basemap'];

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** As sent on the wire. */
  raw: Buffer;
  /** The body after undoing its Content-Encoding. */
  text: string;
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(raw);
  if (encoding === 'br') return brotliDecompressSync(raw);
  if (encoding === undefined) return raw;
  throw new Error(`unexpected content-encoding ${encoding}`);
}

describe('cached reads on a running server', () => {
  let server: RunningServer;
  let partnerOfFors: Record<string, string>;
  let partnerOfForsyning: Record<string, string>;
  /** Secretariat-only stream ids of the seed, read from the committed file rather than from the API. */
  let secretStreams: string[];
  let forsSecretStreams: string[];
  const hiddenCompanyId = 'quiet-works-holbaek';
  const hiddenExchangeId = 'quiet-works-heat-to-holbaek-sygehus';

  /** A GET through node:http, which (unlike fetch) shows the bytes as they were sent. */
  /** `coding` is sent as Accept-Encoding. */
  const get = (url: string, headers: Record<string, string> = {}, coding = 'identity') =>
    new Promise<RawAnswer>((resolve, reject) => {
      const { hostname, port } = new URL(server.origin);
      const request = httpRequest(
        { host: hostname, port, path: url, headers: { 'accept-encoding': coding, ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const encoding = response.headers['content-encoding'];
            const answer = {
              status: response.statusCode ?? 0,
              headers: response.headers,
              raw,
              text: decode(raw, encoding).toString('utf8'),
            };
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') headers.set(name, value);
            }
            expectDeclared('GET', url, { status: answer.status, headers, bytes: raw }).then(
              () => resolve(answer),
              reject,
            );
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });

  const send = async (method: string, url: string, body: unknown) => {
    const response = await fetchDeclared(server.origin, url, {
      method,
      headers: { ...staff, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const etagOf = (answer: RawAnswer) => String(answer.headers.etag);

  beforeAll(async () => {
    const seed = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../geodata/companies.geojson'), 'utf8'),
    ) as { features: { properties: { id: string; streams: { id: string; visibility: string }[] } }[] };
    const secretOf = (feature: (typeof seed.features)[number]) =>
      feature.properties.streams.filter((s) => s.visibility === 'secretariat').map((s) => s.id);
    secretStreams = seed.features.flatMap(secretOf);
    const fors = seed.features.find((feature) => feature.properties.id === 'fors');
    forsSecretStreams = fors ? secretOf(fors) : [];
    expect(secretStreams.length).toBeGreaterThan(10);
    expect(forsSecretStreams.length).toBeGreaterThan(0);

    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken });
    // Registered by staff, and so secretariat-only until they publish it, with an exchange of its own.
    const created = await send('POST', '/api/companies', {
      id: hiddenCompanyId,
      name: 'Quiet Works',
      location: { lon: 11.72, lat: 55.71 },
      municipality: '0316',
      description: { da: 'En virksomhed.', en: 'A company.' },
    });
    expect(created.status).toBe(201);
    const exchange = await send('POST', '/api/exchanges', {
      id: hiddenExchangeId,
      from: hiddenCompanyId,
      to: 'holbaek-sygehus',
      resourceId: 'surplus-heat',
    });
    expect(exchange.status).toBe(201);
    const tokenFor = async (companyId: string) => {
      const issued = await send('POST', '/api/partner-tokens', { companyId });
      expect(issued.status).toBe(201);
      return { authorization: `Bearer ${String(issued.body.token)}` };
    };
    partnerOfFors = await tokenFor('fors');
    partnerOfForsyning = await tokenFor('kalundborg-forsyning');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each(cachedReads)(
    'answers GET %s with the same bytes in every coding, under a strong ETag',
    async (url) => {
      const plain = await get(url);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(etagOf(plain)).toMatch(/^"public-[\w-]+"$/);
      expect(plain.headers['cache-control']).toBe('no-cache');
      expect(plain.headers.vary).toContain('Accept-Encoding');
      if (url !== '/api/basemap') expect(plain.headers.vary).toContain('Authorization');
      for (const coding of ['gzip', 'br'] as const) {
        const compressed = await get(url, {}, coding);
        expect(compressed.headers['content-encoding'], coding).toBe(coding);
        expect(compressed.raw.length, coding).toBeLessThan(plain.raw.length);
        expect(compressed.text, coding).toBe(plain.text);
        // A strong tag names one representation: each coding has its own.
        expect(etagOf(compressed)).toMatch(/^"public-[\w-]+"$/);
        expect(etagOf(compressed)).not.toBe(etagOf(plain));
      }
      // A browser asking for every coding gets brotli, the smallest.
      expect((await get(url, {}, 'gzip, deflate, br')).headers['content-encoding']).toBe('br');
    },
  );

  it.each(cachedReads)('answers GET %s with 304 when the client already has it', async (url) => {
    const first = await get(url, {}, 'gzip');
    const etag = etagOf(first);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", W/${etag}`, '*']) {
      const again = await get(url, { 'if-none-match': ifNoneMatch }, 'gzip');
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.raw.length, ifNoneMatch).toBe(0);
      expect(etagOf(again)).toBe(etag);
      expect(again.headers.vary).toBe(first.headers.vary);
    }
    // The tag of another coding of the same bytes is just as current.
    expect((await get(url, { 'if-none-match': etag }, 'br')).status).toBe(304);
    const stale = await get(url, { 'if-none-match': '"public-stale"' }, 'gzip');
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(first.text);
  });

  it('sends staff and partners their own bodies, which no shared cache may keep', async () => {
    const asStaff = await get('/api/companies', staff, 'br');
    expect(etagOf(asStaff)).toMatch(/^"secretariat-/);
    expect(asStaff.headers['cache-control']).toBe('private, no-cache');
    expect(asStaff.text).toContain(hiddenCompanyId);
    for (const id of secretStreams) expect(asStaff.text, id).toContain(id);

    const asPartner = await get('/api/companies', partnerOfFors, 'gzip');
    expect(etagOf(asPartner)).toMatch(/^"partners-/);
    expect(asPartner.headers['cache-control']).toBe('private, no-cache');
    // A partner sees its own company in full, the secretariat-only stream included.
    for (const id of forsSecretStreams) expect(asPartner.text, id).toContain(id);
  });

  it('never sends the public what staff or a partner were sent, in any coding, nor a 304 for their tag', async () => {
    const warmed = new Map<string, string[]>();
    for (const url of perCallerReads) {
      for (const coding of codings) {
        for (const caller of [staff, partnerOfFors]) {
          const answer = await get(url, caller, coding);
          expect(answer.status).toBe(200);
          warmed.set(url, [...(warmed.get(url) ?? []), etagOf(answer)]);
        }
      }
    }
    const hidden = [...secretStreams, hiddenCompanyId, hiddenExchangeId];
    for (const url of perCallerReads) {
      for (const coding of codings) {
        const answer = await get(url, {}, coding);
        expect(answer.status).toBe(200);
        for (const id of hidden) expect(answer.text, `${url} ${coding} ${id}`).not.toContain(id);
      }
      // Revalidating with a tag the public was never given answers with the public's own body.
      const probe = await get(url, { 'if-none-match': (warmed.get(url) ?? []).join(', ') }, 'gzip');
      expect(probe.status, url).toBe(200);
      for (const id of hidden) expect(probe.text, `${url} ${id}`).not.toContain(id);
    }
  });

  it('never sends one partner what another partner’s own view holds', async () => {
    for (const url of ['/api/companies', '/api/map/companies', '/api/stats']) {
      for (const coding of codings) await get(url, partnerOfFors, coding);
      for (const coding of codings) {
        const answer = await get(url, partnerOfForsyning, coding);
        expect(answer.status).toBe(200);
        for (const id of forsSecretStreams) expect(answer.text, `${url} ${coding}`).not.toContain(id);
      }
    }
  });

  it('changes the ETag and the body once staff change what the caller sees', async () => {
    const before = await get('/api/map/companies', {}, 'br');
    const full = await get('/api/companies', {}, 'br');
    const renamed = await send('PATCH', '/api/companies/holbaek-sygehus', { name: 'Holbæk Hospital North' });
    expect(renamed.status).toBe(200);
    for (const [url, earlier] of [
      ['/api/map/companies', before],
      ['/api/companies', full],
    ] as const) {
      const after = await get(url, { 'if-none-match': etagOf(earlier) }, 'br');
      expect(after.status, url).toBe(200);
      expect(etagOf(after), url).not.toBe(etagOf(earlier));
      expect(after.text, url).toContain('Holbæk Hospital North');
      expect(earlier.text, url).not.toContain('Holbæk Hospital North');
    }
  });

  it('keeps the public’s ETag when staff change only what the public cannot see', async () => {
    const publicBefore = await get('/api/map/companies', {}, 'gzip');
    const staffBefore = await get('/api/map/companies', staff, 'gzip');
    const renamed = await send('PATCH', `/api/companies/${hiddenCompanyId}`, { name: 'Quieter Works' });
    expect(renamed.status).toBe(200);
    // Nothing the public has changed, so nothing tells it that something hidden did.
    expect((await get('/api/map/companies', { 'if-none-match': etagOf(publicBefore) }, 'gzip')).status).toBe(
      304,
    );
    const staffAfter = await get('/api/map/companies', { ...staff, 'if-none-match': etagOf(staffBefore) });
    expect(staffAfter.status).toBe(200);
    expect(staffAfter.text).toContain('Quieter Works');
  });

  it('gives the map one lean entry per company it may see, with its current streams', async () => {
    for (const caller of [{}, staff, partnerOfFors]) {
      const lean = MapCompanyListSchema.parse(JSON.parse((await get('/api/map/companies', caller)).text));
      const full = CompanyCollectionSchema.parse(JSON.parse((await get('/api/companies', caller)).text));
      expect(lean.map((company) => company.id)).toEqual(full.features.map((f) => f.properties.id));
      for (const [i, feature] of full.features.entries()) {
        const entry = lean[i];
        expect(entry).toMatchObject({
          name: feature.properties.name,
          role: feature.properties.role,
          kind: feature.properties.kind,
          municipality: feature.properties.municipality,
          lon: feature.geometry.coordinates[0],
          lat: feature.geometry.coordinates[1],
        });
        expect(entry?.streams).toEqual(
          feature.properties.streams
            .filter((stream) => stream.status !== 'historic')
            .map((stream) => [stream.resourceId, stream.direction, stream.quantity.value !== null]),
        );
        expect(entry?.aliases ?? []).toEqual(feature.properties.aliases.map((alias) => alias.name));
      }
    }
    const asPublic = (await get('/api/map/companies')).text;
    expect(asPublic).not.toContain(hiddenCompanyId);
    expect((await get('/api/map/companies', staff)).text).toContain(hiddenCompanyId);
    expect((await get('/api/map/companies?municipality=0316')).status).toBe(400);
  });
});
