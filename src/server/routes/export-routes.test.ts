import { beforeAll, describe, expect, it } from 'vitest';
import type { CandidateExchange, CompanyCandidates } from '../../domain/matching/index.ts';
import { compareCandidates } from '../../domain/matching/index.ts';
import { testApp } from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

describe('exporting candidates as a stream', () => {
  let app: App;
  const get = async (url: string) => {
    const response = await app.request(url);
    return { status: response.status, text: await response.text(), response };
  };
  const lines = <T>(text: string): T[] =>
    text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as T);

  beforeAll(async () => {
    ({ app } = await testApp());
  });

  it('streams every candidate, one JSON object per line, as a file to download', async () => {
    const { status, text, response } = await get('/api/export/candidates.ndjson');
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    expect(response.headers.get('content-disposition')).toContain('symbiosis-atlas-candidates.ndjson');
    expect(text.endsWith('\n')).toBe(true);
    const streamed = lines<CandidateExchange>(text);
    // The real region has fewer than 500, so /api/candidates lists them all: the same, in another order.
    const all = (await (await app.request('/api/candidates?limit=500')).json()) as CandidateExchange[];
    expect(all.length).toBeLessThan(500);
    expect([...streamed].sort(compareCandidates)).toEqual(all);
    // Giver by giver: each giver's lines together.
    const givers = streamed.map((c) => c.fromCompanyId).filter((id, i, ids) => id !== ids[i - 1]);
    expect(new Set(givers).size).toBe(givers.length);
  });

  it('keeps the options of /api/candidates', async () => {
    const heat = lines<CandidateExchange>(
      (await get('/api/export/candidates.ndjson?resource=surplus-heat')).text,
    );
    expect(heat.length).toBeGreaterThan(0);
    expect(heat.every((c) => c.resourceId === 'surplus-heat')).toBe(true);
    const near = lines<CandidateExchange>((await get('/api/export/candidates.ndjson?maxKm=5')).text);
    expect(near.every((c) => c.distanceKm <= 5)).toBe(true);
  });

  it("streams each company's best candidates, one company per line, with perCompany", async () => {
    const companies = lines<CompanyCandidates>(
      (await get('/api/export/candidates.ndjson?perCompany=3')).text,
    );
    expect(companies.length).toBeGreaterThanOrEqual(25);
    const forsyning = companies.find((c) => c.companyId === 'kalundborg-forsyning');
    const own = await (await app.request('/api/candidates?company=kalundborg-forsyning&limit=3')).json();
    expect(forsyning?.candidates).toEqual(own);
    for (const { companyId, candidates } of companies) {
      expect(candidates.length).toBeLessThanOrEqual(3);
      for (const c of candidates) expect([c.fromCompanyId, c.toCompanyId]).toContain(companyId);
    }
  });

  it('answers bad options with 400 and JSON', async () => {
    for (const url of [
      '/api/export/candidates.ndjson?perCompany=0',
      '/api/export/candidates.ndjson?maxKm=-1',
      '/api/export/candidates.ndjson?resource=unobtainium',
      '/api/export/candidates.ndjson?limit=5',
    ]) {
      const { status, text } = await get(url);
      expect(status, url).toBe(400);
      expect(JSON.parse(text), url).toHaveProperty('error');
    }
  });
});
