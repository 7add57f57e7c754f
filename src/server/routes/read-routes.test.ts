import { beforeAll, describe, expect, it } from 'vitest';
import type { CandidateExchange, PartnerMatch } from '../../domain/matching/index.ts';
import {
  CompanyCollectionSchema,
  type Exchange,
  ExchangeListSchema,
  ResourceListSchema,
} from '../../domain/schema.ts';
import type { AtlasStats } from '../../domain/stats.ts';
import { testApp } from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

describe('reading the atlas through the API', () => {
  let app: App;
  const getJson = async (url: string) => {
    const response = await app.request(url);
    return { status: response.status, body: (await response.json()) as unknown, response };
  };

  beforeAll(async () => {
    ({ app } = await testApp());
  });

  it('lists the resource taxonomy', async () => {
    const { body } = await getJson('/api/resources');
    const resources = ResourceListSchema.parse(body);
    expect(resources.map((r) => r.id)).toEqual(
      expect.arrayContaining(['steam', 'fgd-gypsum', 'surface-water']),
    );
  });

  it('serves companies as an RFC 7946 FeatureCollection', async () => {
    const { body, response } = await getJson('/api/companies');
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const companies = CompanyCollectionSchema.parse(body);
    expect(companies.features.length).toBeGreaterThanOrEqual(25);
  });

  it('filters companies by municipality, resource and direction, and by text ignoring accents', async () => {
    const holbaek = CompanyCollectionSchema.parse((await getJson('/api/companies?municipality=0316')).body);
    expect(holbaek.features.length).toBeGreaterThan(0);
    expect(holbaek.features.every((f) => f.properties.municipality === '0316')).toBe(true);

    const steamSuppliers = CompanyCollectionSchema.parse(
      (await getJson('/api/companies?resource=steam&direction=output')).body,
    );
    expect(steamSuppliers.features.map((f) => f.properties.id)).toContain('asnaes-power-station');
    for (const company of steamSuppliers.features) {
      expect(
        company.properties.streams.some((s) => s.resourceId === 'steam' && s.direction === 'output'),
      ).toBe(true);
    }

    const search = CompanyCollectionSchema.parse((await getJson('/api/companies?q=asnaesvaerket')).body);
    expect(search.features.map((f) => f.properties.id)).toContain('asnaes-power-station');
  });

  it('answers a bad filter with 400 and says what is wrong', async () => {
    const { status, body } = await getJson('/api/companies?municipality=Holbaek');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: expect.stringContaining('municipality') });
    expect((await getJson('/api/companies?resource=unobtainium')).status).toBe(400);
    expect((await getJson('/api/companies?colour=red')).status).toBe(400);
  });

  it('gives one company with its exchanges and its best candidates', async () => {
    const { status, body } = await getJson('/api/companies/asnaes-power-station');
    expect(status).toBe(200);
    const detail = body as {
      company: { properties: { name: string } };
      exchanges: Exchange[];
      candidates: unknown[];
    };
    expect(detail.company.properties.name).toContain('Asnæs');
    expect(detail.exchanges.length).toBeGreaterThan(5);
    expect(Array.isArray(detail.candidates)).toBe(true);
    expect((await getJson('/api/companies/no-such-company')).status).toBe(404);
  });

  it('shows fewer exchanges flowing in 1975 than in 1995', async () => {
    const in1975 = ExchangeListSchema.parse((await getJson('/api/exchanges?year=1975')).body);
    const in1995 = ExchangeListSchema.parse((await getJson('/api/exchanges?year=1995')).body);
    expect(in1975.length).toBeGreaterThan(0);
    expect(in1975.length).toBeLessThan(in1995.length);
  });

  it('filters exchanges by status and resource', async () => {
    const candidates = ExchangeListSchema.parse(
      (await getJson('/api/exchanges?status=candidate,proposed')).body,
    );
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((e) => e.status === 'candidate' || e.status === 'proposed')).toBe(true);
    const gypsum = ExchangeListSchema.parse((await getJson('/api/exchanges?resource=fgd-gypsum')).body);
    expect(gypsum.every((e) => e.resourceId === 'fgd-gypsum')).toBe(true);
    expect((await getJson('/api/exchanges?status=maybe')).status).toBe(400);
    expect((await getJson('/api/exchanges?year=soon')).status).toBe(400);
  });

  it('ranks computed candidates best first, each within its resource’s transport distance', async () => {
    const { body } = await getJson('/api/candidates?limit=20');
    const candidates = body as CandidateExchange[];
    expect(candidates.length).toBeGreaterThan(0);
    for (let i = 1; i < candidates.length; i++) {
      expect((candidates[i - 1] as CandidateExchange).score).toBeGreaterThanOrEqual(
        (candidates[i] as CandidateExchange).score,
      );
    }
    for (const candidate of candidates)
      expect(candidate.distanceKm).toBeLessThanOrEqual(candidate.maxTransportKm);
    expect((await getJson('/api/candidates?maxKm=-3')).status).toBe(400);
    expect((await getJson('/api/candidates?company=nobody')).status).toBe(404);
  });

  it('finds partners inside a radius, nearest first', async () => {
    const { body } = await getJson(
      '/api/partners?lon=11.0886&lat=55.6795&radiusKm=10&resource=surplus-heat&direction=input',
    );
    const partners = body as PartnerMatch[];
    for (const partner of partners) expect(partner.distanceKm).toBeLessThanOrEqual(10);
    const distances = partners.map((p) => p.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect((await getJson('/api/partners?lon=11&lat=95&radiusKm=10')).status).toBe(400);
    expect((await getJson('/api/partners?lon=11&lat=55')).status).toBe(400);
  });

  it('gives headline totals and a series per year from the first exchange to this year', async () => {
    const stats = (await getJson('/api/stats')).body as AtlasStats;
    expect(stats.totals.companies).toBeGreaterThanOrEqual(25);
    expect(stats.byYear[0]?.year).toBe(1961);
    expect(stats.byYear.at(-1)?.year).toBe(2026);
    expect(stats.latestHeadlineFigures.some((figure) => figure.metric === 'co2')).toBe(true);
  });

  it('exports companies as GeoJSON and exchanges as CSV for reports', async () => {
    const geojson = await app.request('/api/export/companies.geojson');
    expect(geojson.headers.get('content-disposition')).toContain('attachment');
    CompanyCollectionSchema.parse(await geojson.json());
    const csv = await (await app.request('/api/export/exchanges.csv')).text();
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('from_name');
    expect(rows.length).toBe(ExchangeListSchema.parse((await getJson('/api/exchanges')).body).length);
  });

  it('describes itself in OpenAPI 3.1', async () => {
    const { body } = await getJson('/api/openapi.json');
    const document = body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/companies', '/api/candidates', '/api/partners', '/api/stats']),
    );
  });
});
