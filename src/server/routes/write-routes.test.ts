import { describe, expect, it } from 'vitest';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import { CompanyCollectionSchema, CompanyFeatureSchema, ExchangeSchema } from '../../domain/schema.ts';
import type { AtlasStats } from '../../domain/stats.ts';
import type { AuditEntry } from '../storage/atlas-store.ts';
import { staffHeaders, testApp, testStaffToken } from '../testing.ts';

const newCompany = {
  name: 'Holbæk Greenhouse Cooperative',
  location: { lon: 11.69, lat: 55.705 },
  municipality: '0316',
  kind: 'company',
  role: 'registered-potential',
  description: {
    da: 'Gartneri der kan bruge overskudsvarme.',
    en: 'Greenhouses that could use surplus heat.',
  },
  visibility: 'public',
};

function send(method: string, body: unknown, headers: Record<string, string> = staffHeaders): RequestInit {
  return { method, headers, body: JSON.stringify(body) };
}

describe('staff editing through the API', () => {
  it('is switched off, with a message saying how to switch it on, when the server has no staff token', async () => {
    const { app } = await testApp({ staffToken: undefined });
    const response = await app.request('/api/companies', send('POST', newCompany));
    expect(response.status).toBe(403);
    expect((await response.json()).error).toContain('ATLAS_STAFF_TOKEN');
  });

  it('refuses writes without a token or with a wrong one', async () => {
    const { app } = await testApp();
    const anonymous = await app.request(
      '/api/companies',
      send('POST', newCompany, { 'content-type': 'application/json' }),
    );
    expect(anonymous.status).toBe(401);
    const wrong = await app.request(
      '/api/companies',
      send('POST', newCompany, { ...staffHeaders, authorization: 'Bearer not-the-token-at-all' }),
    );
    expect(wrong.status).toBe(401);
  });

  it('registers a company and its heat need, and the candidates change at once', async () => {
    const { app } = await testApp();
    const created = await app.request('/api/companies', send('POST', newCompany));
    expect(created.status).toBe(201);
    const company = CompanyFeatureSchema.parse(await created.json());
    expect(company.properties.id).toBe('holbaek-greenhouse-cooperative');
    expect(company.geometry.coordinates).toEqual([11.69, 55.705]);

    const listed = CompanyCollectionSchema.parse(
      await (await app.request('/api/companies?municipality=0316')).json(),
    );
    expect(listed.features.map((f) => f.properties.id)).toContain(company.properties.id);

    const stream = await app.request(
      `/api/companies/${company.properties.id}/streams`,
      send('POST', { direction: 'input', resourceId: 'surplus-heat', visibility: 'public' }),
    );
    expect(stream.status).toBe(201);
    expect((await stream.json()).quantity).toEqual({ value: null, unit: 'MWh/yr' });

    const candidates = (await (
      await app.request(`/api/candidates?company=${company.properties.id}`, { headers: staffHeaders })
    ).json()) as CandidateExchange[];
    expect(candidates.length).toBeGreaterThan(0);
    expect(
      candidates.every((c) => c.toCompanyId === company.properties.id && c.resourceId === 'surplus-heat'),
    ).toBe(true);
  });

  it('moves an exchange from candidate to proposed to existing, and refuses a jump the lifecycle does not allow', async () => {
    const { app } = await testApp();
    const created = await app.request(
      '/api/exchanges',
      send('POST', { from: 'kalundborg-refinery', to: 'holbaek-wwtp', resourceId: 'technical-water' }),
    );
    expect(created.status).toBe(201);
    const exchange = ExchangeSchema.parse(await created.json());
    expect(exchange.status).toBe('candidate');

    const jump = await app.request(`/api/exchanges/${exchange.id}`, send('PATCH', { status: 'historic' }));
    expect(jump.status).toBe(409);
    expect((await jump.json()).error).toContain('proposed or rejected');

    expect(
      (await app.request(`/api/exchanges/${exchange.id}`, send('PATCH', { status: 'proposed' }))).status,
    ).toBe(200);
    const flowing = ExchangeSchema.parse(
      await (
        await app.request(`/api/exchanges/${exchange.id}`, send('PATCH', { status: 'existing' }))
      ).json(),
    );
    expect(flowing.status).toBe('existing');
    expect(flowing.startYear).toBe(2026);

    const stats = (await (await app.request('/api/stats', { headers: staffHeaders })).json()) as AtlasStats;
    expect(stats.byYear.at(-1)?.activeExchanges).toBeGreaterThan(0);
  });

  it('answers bad input with 400 and the fields at fault, and writes nothing', async () => {
    const { app } = await testApp();
    const before = await (
      await app.request('/api/export/companies.geojson', { headers: staffHeaders })
    ).text();

    const bad = await app.request(
      '/api/companies',
      send('POST', { ...newCompany, location: { lon: 200, lat: 55 }, municipality: 'Holbæk' }),
    );
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['location.lon', 'municipality']),
    );

    const notJson = await app.request('/api/companies', {
      method: 'POST',
      headers: staffHeaders,
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    const wrongType = await app.request('/api/companies', {
      method: 'POST',
      headers: { ...staffHeaders, 'content-type': 'text/plain' },
      body: JSON.stringify(newCompany),
    });
    expect(wrongType.status).toBe(415);
    const unknownResource = await app.request(
      '/api/companies/fors/streams',
      send('POST', { direction: 'output', resourceId: 'unobtainium' }),
    );
    expect(unknownResource.status).toBe(400);
    const danglingExchange = await app.request(
      '/api/exchanges',
      send('POST', { from: 'fors', to: 'nobody-at-all', resourceId: 'steam' }),
    );
    expect(danglingExchange.status).toBe(404);

    const after = await (
      await app.request('/api/export/companies.geojson', { headers: staffHeaders })
    ).text();
    expect(after).toBe(before);
  });

  it('refuses to delete a company that takes part in exchanges, and deletes one that does not', async () => {
    const { app } = await testApp();
    const linked = await app.request('/api/companies/asnaes-power-station', {
      method: 'DELETE',
      headers: staffHeaders,
    });
    expect(linked.status).toBe(409);
    const created = CompanyFeatureSchema.parse(
      await (await app.request('/api/companies', send('POST', newCompany))).json(),
    );
    const removed = await app.request(`/api/companies/${created.properties.id}`, {
      method: 'DELETE',
      headers: staffHeaders,
    });
    expect(removed.status).toBe(204);
    expect(
      (await app.request(`/api/companies/${created.properties.id}`, { headers: staffHeaders })).status,
    ).toBe(404);
  });

  it('records every change in the audit log with what it was before and after', async () => {
    const { app } = await testApp();
    await app.request(
      '/api/companies/fors',
      send('PATCH', { description: { da: 'Forsyning i Holbæk.', en: 'Utility in Holbæk.' } }),
    );
    const entries = (await (
      await app.request('/api/audit?entity=fors', { headers: staffHeaders })
    ).json()) as AuditEntry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'staff',
      action: 'update',
      entity: 'company',
      entityId: 'fors',
    });
    expect(JSON.stringify(entries[0]?.after)).toContain('Utility in Holbæk.');
    expect(JSON.stringify(entries[0]?.before)).not.toContain('Utility in Holbæk.');
    expect((await app.request('/api/audit')).status).toBe(401);
  });

  it('returns as many audit entries as asked, 1 to 1,000, and answers any other limit with 400', async () => {
    const { app } = await testApp();
    for (const name of ['Fors A', 'Fors B', 'Fors C']) {
      await app.request('/api/companies/fors', send('PATCH', { name }));
    }
    const audit = (query: string) => app.request(`/api/audit${query}`, { headers: staffHeaders });
    const two = (await (await audit('?limit=2')).json()) as AuditEntry[];
    expect(two).toHaveLength(2);
    expect(JSON.stringify(two[0]?.after)).toContain('Fors C');
    expect(JSON.stringify(two[1]?.after)).toContain('Fors B');
    expect(((await (await audit('')).json()) as AuditEntry[]).length).toBe(3);
    for (const limit of ['1.5', '-1', '0', '1001', '-1e309', '-Infinity', 'Infinity', 'NaN', 'ten', '']) {
      const response = await audit(`?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      const body = (await response.json()) as { error: string; details: { path: string }[] };
      expect(body.details[0]?.path, limit).toBe('limit');
    }
    expect((await audit('?entity=Not%20an%20id')).status).toBe(400);
    expect((await audit('?since=yesterday')).status).toBe(400);
  });

  it('limits the request body size, also when the body is sent chunked without a length', async () => {
    const { app } = await testApp();
    const huge = JSON.stringify({ ...newCompany, notes: 'x'.repeat(1_100_000) });
    const plain = await app.request('/api/companies', { method: 'POST', headers: staffHeaders, body: huge });
    expect(plain.status).toBe(413);

    const bytes = new TextEncoder().encode(huge);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const streamed = await app.request('/api/companies', {
      method: 'POST',
      headers: { authorization: `Bearer ${testStaffToken}`, 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});
