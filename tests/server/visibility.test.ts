// Who sees what, against the real server on a SQLite file: the public, a partner with its token, and staff.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDeclared } from '../support/contract.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const staffToken = 'visibility-test-staff-token-0123456789';
const json = { 'content-type': 'application/json' };
const staff = { ...json, authorization: `Bearer ${staffToken}` };

describe('visibility levels on a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  let partner: Record<string, string>;
  let partnerToken: string;
  let partnerTokenId: string;
  /** The seed's secretariat-only streams, read from the committed file rather than from the API. */
  let secretStreams: string[];

  const call = async (
    method: string,
    url: string,
    headers: Record<string, string> = json,
    body?: unknown,
  ) => {
    const response = await fetchDeclared(server.origin, url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, headers: response.headers };
  };

  beforeAll(async () => {
    const companies = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../geodata/companies.geojson'), 'utf8'),
    ) as { features: { properties: { streams: { id: string; visibility: string }[] } }[] };
    secretStreams = companies.features.flatMap((f) =>
      f.properties.streams.filter((s) => s.visibility === 'secretariat').map((s) => s.id),
    );
    expect(secretStreams.length).toBeGreaterThan(10);

    dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-visibility-'));
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken }, dataDir);
    const issued = await call('POST', '/api/partner-tokens', staff, {
      companyId: 'kalundborg-forsyning',
      label: 'Utility energy team',
    });
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    ({ token: partnerToken, id: partnerTokenId } = JSON.parse(issued.text) as { token: string; id: string });
    partner = { ...json, authorization: `Bearer ${partnerToken}` };

    // An exact figure for partners only, on a public exchange.
    const hidden = await call('PATCH', '/api/exchanges/refinery-cooling-water-to-asnaes', staff, {
      quantity: { value: 734_291, unit: 'm3/yr' },
      quantityVisibility: 'partners',
    });
    expect(hidden.status).toBe(200);
  });

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    '/api/companies',
    '/api/companies/nkt-asnaes',
    '/api/exchanges',
    '/api/candidates?limit=500',
    '/api/partners?lon=11.3&lat=55.7&radiusKm=80&limit=500',
    '/api/stats',
    '/api/impact-figures',
    '/api/export/companies.geojson',
    '/api/export/exchanges.csv',
    '/api/export/candidates.ndjson',
    '/api/export/candidates.ndjson?perCompany=100',
    '/api/openapi.json',
  ])('answers GET %s to the public without hidden records or figures', async (url) => {
    const { status, text } = await call('GET', url);
    expect(status).toBe(200);
    for (const id of secretStreams) expect(text, id).not.toContain(id);
    expect(text).not.toContain('734291');
  });

  it('shows staff the hidden records and the partner the partners-only figure', async () => {
    const asStaff = await call('GET', '/api/companies', staff);
    for (const id of secretStreams) expect(asStaff.text, id).toContain(id);
    expect((await call('GET', '/api/exchanges', partner)).text).toContain('734291');
    expect((await call('GET', '/api/exchanges')).text).toContain('"band":{"min":500000,"max":1000000}');
  });

  it('lets the partner change its own stream and refuses another company’s with 403', async () => {
    const own = await call('PATCH', '/api/streams/kalundborg-forsyning-out-surplus-heat', partner, {
      quantity: { value: 40000, unit: 'MWh/yr' },
      quantityVisibility: 'partners',
    });
    expect(own.status).toBe(200);
    const other = await call('PATCH', '/api/streams/asnaes-power-station-out-steam', partner, {
      status: 'historic',
    });
    expect(other.status).toBe(403);
    const audit = JSON.parse(
      (await call('GET', '/api/audit?entity=kalundborg-forsyning-out-surplus-heat', staff)).text,
    );
    expect(audit[0]).toMatchObject({ actor: 'partner:kalundborg-forsyning', action: 'update' });
  });

  it('tells each caller its level', async () => {
    expect(JSON.parse((await call('GET', '/api/session')).text)).toEqual({
      level: 'public',
      companyId: null,
      contactEmail: null,
    });
    expect(JSON.parse((await call('GET', '/api/session', partner)).text)).toEqual({
      level: 'partners',
      companyId: 'kalundborg-forsyning',
      contactEmail: null,
    });
    expect(JSON.parse((await call('GET', '/api/session', staff)).text)).toEqual({
      level: 'secretariat',
      companyId: null,
      contactEmail: null,
    });
  });

  it('keeps partner tokens (as hashes) across a restart, and stops one when it is revoked', async () => {
    await server.stop();
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken }, dataDir);
    expect((await call('GET', '/api/session', partner)).status).toBe(200);
    for (const file of ['atlas.sqlite', 'atlas.sqlite-wal']) {
      const bytes = await readFile(path.join(dataDir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(partnerToken)), file).toBe(false);
    }

    expect((await call('DELETE', `/api/partner-tokens/${partnerTokenId}`, staff)).status).toBe(204);
    expect((await call('GET', '/api/session', partner)).status).toBe(401);
    expect(
      (
        await call('PATCH', '/api/streams/kalundborg-forsyning-out-surplus-heat', partner, {
          status: 'active',
        })
      ).status,
    ).toBe(401);
  });
});
