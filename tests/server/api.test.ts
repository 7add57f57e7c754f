import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOpenApi } from '../../src/server/contract-check.ts';
import { fetchDeclared } from '../support/contract.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const staffToken = 'api-test-staff-token-0123456789';
const staff = { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' };

const company = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  location: { lon: 11.7, lat: 55.71 },
  municipality: '0316',
  description: { da: 'En virksomhed.', en: 'A company.' },
  ...extra,
});

describe('the API of a running server on a SQLite file', () => {
  let dataDir: string;
  let server: RunningServer;
  let document: unknown;

  const call = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = staff,
  ) => {
    const response = await fetchDeclared(server.origin, url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // CSV and empty bodies stay text.
    }
    return { status: response.status, headers: response.headers, body: json as Record<string, unknown> };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-api-'));
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken }, dataDir);
    document = (await call('GET', '/api/openapi.json')).body;
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes a valid OpenAPI 3.1 document', async () => {
    const result = await validateOpenApi(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it.each([
    '/api/health',
    '/api/basemap',
    '/api/resources',
    '/api/companies?municipality=0326',
    '/api/map/companies',
    '/api/companies/novo-nordisk-kalundborg',
    '/api/exchanges?year=1995',
    '/api/candidates?limit=5',
    '/api/partners?lon=11.09&lat=55.68&radiusKm=5',
    '/api/stats',
    '/api/impact-figures',
    '/api/export/companies.geojson',
    '/api/audit',
  ])('answers GET %s as its OpenAPI description says', async (url) => {
    // call() checks every answer against the document.
    const { status } = await call('GET', url);
    expect(status).toBe(200);
  });

  it('exports exchanges as CSV', async () => {
    const { status, headers, body } = await call('GET', '/api/export/exchanges.csv');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/csv');
    expect(String(body)).toContain('lake-tisso-surface-water-to-refinery');
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/', '/api/health', '/api/nothing']) {
      const { headers } = await call('GET', url);
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('handles each kind of bad input with a 4xx JSON answer and keeps serving', async () => {
    const cases: [string, string, unknown, number][] = [
      [
        'coordinates out of range',
        '/api/companies',
        company('Far Away', { location: { lon: 11, lat: 123 } }),
        400,
      ],
      ['malformed id', '/api/companies', company('Bad Id', { id: 'Bad ID!' }), 400],
      ['very long name', '/api/companies', company('x'.repeat(10_000)), 400],
      [
        'unknown resource',
        '/api/companies/fors/streams',
        { direction: 'input', resourceId: 'kryptonite' },
        400,
      ],
      [
        'negative quantity',
        '/api/companies/fors/streams',
        { direction: 'input', resourceId: 'steam', quantity: { value: -5, unit: 'MWh/yr' } },
        400,
      ],
      [
        'unknown company',
        '/api/companies/no-such-company/streams',
        { direction: 'input', resourceId: 'steam' },
        404,
      ],
    ];
    for (const [what, url, body, expected] of cases) {
      const { status, body: answer } = await call('POST', url, body);
      expect(status, what).toBe(expected);
      expect(typeof answer.error, what).toBe('string');
    }
    expect((await call('GET', '/api/health')).status).toBe(200);
  });

  it('stores SQL-looking and non-Latin names as plain text', async () => {
    const names = ["Robert'); DROP TABLE companies;--", 'Ærø Øl & Å-Gård — 北京 🌱'];
    for (const name of names) {
      const { status, body } = await call('POST', '/api/companies', company(name));
      expect(status).toBe(201);
      expect((body.properties as { name: string }).name).toBe(name);
    }
    const { body } = await call('GET', '/api/companies?q=drop%20table');
    expect((body.features as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/companies')).status).toBe(200);
  });

  it('refuses writes without the staff token and with a wrong one', async () => {
    const anonymous = await call('POST', '/api/companies', company('Anon'), {
      'content-type': 'application/json',
    });
    expect(anonymous.status).toBe(401);
    const wrong = await call('POST', '/api/companies', company('Wrong'), {
      ...staff,
      authorization: 'Bearer nope',
    });
    expect(wrong.status).toBe(401);
  });

  it('keeps all of 50 concurrent writes', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('POST', '/api/companies', company(`Concurrent Company ${i}`)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const { body } = await call('GET', '/api/companies?q=concurrent%20company');
    expect((body.features as unknown[]).length).toBe(50);
  });

  /**
   * POSTs raw bytes. The server answers 413 as soon as the limit is passed and closes the connection; a client
   * still uploading may then see the reset before the answer, which is reported as 'closed'.
   */
  const postRaw = (body: string, chunked: boolean) =>
    new Promise<number | 'closed'>((resolve) => {
      const url = new URL('/api/companies', server.origin);
      const headers: Record<string, string | number> = chunked
        ? { ...staff, 'transfer-encoding': 'chunked' }
        : { ...staff, 'content-length': Buffer.byteLength(body) };
      let answered = false;
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
        (res) => {
          answered = true;
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => {
        if (!answered) resolve('closed');
      });
      for (let i = 0; i < body.length; i += 65_536) req.write(body.slice(i, i + 65_536));
      req.end();
    });

  it('refuses a body over 1 MB, also sent chunked, and stays up', async () => {
    const big = JSON.stringify(company('Big', { notes: 'x'.repeat(1_200_000) }));
    expect(await postRaw(big, false)).toBe(413);
    // Chunked uploads carry no length to check up front: the server counts bytes as they arrive.
    expect([413, 'closed']).toContain(await postRaw(big, true));
    expect((await call('GET', '/api/health')).status).toBe(200);
    const { body } = await call('GET', '/api/companies?q=big');
    expect(body.features).toEqual([]);
  });

  it('keeps what staff wrote across a restart', async () => {
    await call('POST', '/api/companies', company('Survives Restart'));
    await server.stop();
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken }, dataDir);
    const { body } = await call('GET', '/api/companies?q=survives%20restart');
    expect((body.features as unknown[]).length).toBe(1);
  });
});
