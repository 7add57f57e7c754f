import { beforeEach, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../domain/schema.ts';
import type { AuditEntry } from '../storage/atlas-store.ts';
import {
  anonymousHeaders,
  issuePartnerToken,
  partnerHeaders,
  send,
  staffHeaders,
  testApp,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

const company = (extra: Record<string, unknown> = {}) => ({
  name: 'Holbæk Greenhouses',
  location: { lon: 11.69, lat: 55.7 },
  municipality: '0316',
  description: { da: 'Gartneri.', en: 'Greenhouses.' },
  ...extra,
});

describe('hostile input', () => {
  let app: App;
  let partner: Record<string, string>;

  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    send(app, method, url, headers, body);
  const paths = (json: Record<string, unknown>) =>
    ((json.details ?? []) as { path: string }[]).map((detail) => detail.path);

  beforeEach(async () => {
    ({ app } = await testApp());
    partner = partnerHeaders((await issuePartnerToken(app, 'kalundborg-forsyning')).token);
  });

  it('refuses a partner’s long note, availability or source, and the database does not grow', async () => {
    const before = (await call('GET', '/api/companies/kalundborg-forsyning', staffHeaders)).text;
    const long = 'x'.repeat(100_000);
    const attempts = [
      { quantity: { value: 1, unit: 'MWh/yr', note: long } },
      { availability: { da: long, en: 'Always.' } },
      { source: [`https://example.org/${long}`] },
      { source: Array.from({ length: 500 }, (_, i) => `Made-up citation ${i}`) },
    ];
    for (const patch of attempts) {
      const answer = await call('PATCH', '/api/streams/kalundborg-forsyning-in-surplus-heat', partner, patch);
      expect(answer.status, JSON.stringify(patch).slice(0, 60)).toBe(400);
    }
    expect((await call('GET', '/api/companies/kalundborg-forsyning', staffHeaders)).text).toBe(before);
  });

  it('documents the limit of every free-text field and id in the OpenAPI description', async () => {
    const document = (await call('GET', '/api/openapi.json', anonymousHeaders)).text;
    const schemas = JSON.parse(document) as { components: { schemas: Record<string, unknown> } };
    const create = JSON.stringify(schemas.components.schemas.StreamCreate);
    expect(create).toMatch(/"note":\{"type":"string","maxLength":2000\}/);
    expect(create).toMatch(/"id":\{"type":"string","maxLength":200/);
    const company = JSON.stringify(schemas.components.schemas.CompanyCreate);
    expect(company).toMatch(/"name":\{"type":"string","minLength":1,"maxLength":200\}/);
    expect(company).toMatch(/"da":\{"type":"string","minLength":1,"maxLength":2000\}/);
  });

  it('refuses an id too long to read back, and a partner’s own choice of id', async () => {
    const long = await call('POST', '/api/companies', staffHeaders, company({ id: 'a'.repeat(20_000) }));
    expect(long.status).toBe(400);
    expect(paths(long.json)).toEqual(['id']);
    const chosen = await call('POST', '/api/companies/kalundborg-forsyning/streams', partner, {
      id: 'asnaes-power-station-out-biogas',
      direction: 'output',
      resourceId: 'biogas',
    });
    expect(chosen.status).toBe(403);
  });

  it('gives a partner the same answer for a hidden stream’s id as for any other: it names none itself', async () => {
    // nkt-asnaes-out-surplus-heat is secretariat-only: neither 409 nor anything else may give it away.
    const hidden = await call('POST', '/api/companies/kalundborg-forsyning/streams', partner, {
      id: 'nkt-asnaes-out-surplus-heat',
      direction: 'output',
      resourceId: 'surplus-heat',
    });
    const unused = await call('POST', '/api/companies/kalundborg-forsyning/streams', partner, {
      id: 'kalundborg-forsyning-never-used-before',
      direction: 'output',
      resourceId: 'surplus-heat',
    });
    expect([hidden.status, hidden.json.error]).toEqual([unused.status, unused.json.error]);
    const named = await call('POST', '/api/companies/kalundborg-forsyning/streams', partner, {
      direction: 'output',
      resourceId: 'biogas',
    });
    expect(named.status).toBe(201);
    expect((named.json as unknown as StreamRecord).id).toMatch(/^kalundborg-forsyning-/);
  });

  it('accepts only http(s) websites', async () => {
    for (const website of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      const answer = await call('POST', '/api/companies', staffHeaders, company({ website }));
      expect(answer.status, website).toBe(400);
      expect(paths(answer.json), website).toEqual(['website']);
    }
    expect(
      (await call('POST', '/api/companies', staffHeaders, company({ website: 'https://example.dk/' })))
        .status,
    ).toBe(201);
  });

  it('refuses empty coordinates in the partner search instead of searching at 0°, 0°', async () => {
    for (const query of [
      'lon=&lat=55.68&radiusKm=10',
      'lon=11.09&lat=&radiusKm=10',
      'lon=11.09&lat=55.68&radiusKm=',
    ]) {
      const answer = await call('GET', `/api/partners?${query}`, anonymousHeaders);
      expect(answer.status, query).toBe(400);
    }
  });

  it('answers an unknown resource with 400 on exchanges, candidates and partners, as on companies', async () => {
    for (const url of [
      '/api/companies?resource=unobtainium',
      '/api/exchanges?resource=unobtainium',
      '/api/candidates?resource=unobtainium',
      '/api/partners?lon=11.09&lat=55.68&radiusKm=10&resource=unobtainium',
    ]) {
      const answer = await call('GET', url, anonymousHeaders);
      expect(answer.status, url).toBe(400);
      expect(answer.json.error, url).toContain('Unknown resource');
    }
  });

  it('refuses a quantity too large to be a yearly flow, so the public never gets a band without an end', async () => {
    for (const value of [1e308, 1e13]) {
      const answer = await call('PATCH', '/api/streams/kalundborg-forsyning-in-surplus-heat', staffHeaders, {
        quantity: { value, unit: 'MWh/yr' },
        quantityVisibility: 'secretariat',
      });
      expect(answer.status, String(value)).toBe(400);
    }
    const largest = await call('PATCH', '/api/streams/kalundborg-forsyning-in-surplus-heat', staffHeaders, {
      quantity: { value: 1e12, unit: 'MWh/yr' },
      quantityVisibility: 'secretariat',
    });
    expect(largest.status).toBe(200);
    const seen = (await call('GET', '/api/companies/kalundborg-forsyning', anonymousHeaders)).json as {
      company: { properties: { streams: StreamRecord[] } };
    };
    const stream = seen.company.properties.streams.find(
      (s) => s.id === 'kalundborg-forsyning-in-surplus-heat',
    );
    expect(stream?.quantity).toMatchObject({ value: null, band: { min: 1e12, max: 2e12 } });
  });

  it('defuses formula starts in the CSV export, full-width ones included', async () => {
    const created = await call('POST', '/api/exchanges', staffHeaders, {
      from: 'kalundborg-refinery',
      to: 'holbaek-wwtp',
      resourceId: 'technical-water',
      visibility: 'public',
      source: ['＝HYPERLINK("http://evil.example","x")', ' =1+1 citation'],
    });
    expect(created.status).toBe(201);
    const csv = (await call('GET', '/api/export/exchanges.csv', anonymousHeaders)).text;
    const line = csv
      .split('\r\n')
      .find((row) => row.startsWith('kalundborg-refinery-technical-water-to-holbaek-wwtp'));
    expect(line).toContain(`"'＝HYPERLINK(""http://evil.example"",""x"") | =1+1 citation"`);
  });

  it('keeps an audit entry as small as the change, however large the company', async () => {
    const sources = Array.from({ length: 20 }, (_, i) =>
      `A long but allowed citation number ${i}. `.repeat(20),
    );
    for (let i = 0; i < 10; i++) {
      const stream = await call('POST', '/api/companies/fors/streams', staffHeaders, {
        direction: 'output',
        resourceId: 'biogas',
        source: sources,
      });
      expect(stream.status).toBe(201);
    }
    expect((await call('PATCH', '/api/companies/fors', staffHeaders, { name: 'Fors A/S' })).status).toBe(200);
    // The entry holds the name it changed, not the company with its ten long streams (about 90 kB).
    const [entry] = (await call('GET', '/api/audit?entity=fors&limit=1', staffHeaders))
      .json as unknown as AuditEntry[];
    expect(entry).toMatchObject({
      action: 'update',
      before: { name: 'Fors A/S (Holbæk)' },
      after: { name: 'Fors A/S' },
    });
    expect(JSON.stringify(entry).length).toBeLessThan(400);
  });

  it('pages through the audit log from newest to oldest, at most 1,000 entries a page', async () => {
    for (const name of ['Fors 1', 'Fors 2', 'Fors 3', 'Fors 4', 'Fors 5']) {
      await call('PATCH', '/api/companies/fors', staffHeaders, { name });
    }
    const names: unknown[] = [];
    let url = '/api/audit?entity=fors&limit=2';
    for (let page = 0; page < 5; page++) {
      const answer = await call('GET', url, staffHeaders);
      names.push(...(answer.json as unknown as AuditEntry[]).map((e) => (e.after as { name: string }).name));
      const next = answer.headers.get('x-next-before');
      if (!next) break;
      url = `/api/audit?entity=fors&limit=2&before=${next}`;
    }
    expect(names).toEqual(['Fors 5', 'Fors 4', 'Fors 3', 'Fors 2', 'Fors 1']);
    expect((await call('GET', '/api/audit?limit=1001', staffHeaders)).status).toBe(400);
    expect((await call('GET', '/api/audit?before=-1', staffHeaders)).status).toBe(400);
  });
});
