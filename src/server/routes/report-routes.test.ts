// The report to the councils over the API: JSON and CSV for staff, nobody else.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouncilReport } from '../../domain/workbench/council-report.ts';
import {
  anonymousHeaders,
  issuePartnerToken,
  partnerHeaders,
  send,
  staffHeaders,
  testApp,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

let app: App;
let partnerToken: string;
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  ({ app } = await testApp());
  ({ token: partnerToken } = await issuePartnerToken(app, 'fors'));
});

describe('GET /api/report', () => {
  it('says what started and ended in 2013–2014 per municipality, with the sourced figure apart', async () => {
    const answer = await send<CouncilReport>(app, 'GET', '/api/report?from=2013&to=2014', staffHeaders);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toContain('no-store');
    const [kalundborg, holbaek, odsherred] = answer.json.municipalities;
    expect(kalundborg?.exchangesStarted.map((e) => e.id)).toEqual(['novo-nordisk-wastewater-to-novonesis']);
    expect(kalundborg?.exchangesEnded).toHaveLength(4);
    expect(kalundborg?.sourcedImpacts[0]?.impact).toMatchObject({ value: 21_000, referenceYear: 2013 });
    expect(holbaek?.exchangesStarted).toEqual([]);
    expect(odsherred?.exchangesStarted).toEqual([]);
    // The log began when this server first wrote (the partner token above), long after 2014.
    expect(answer.json.logCoverage).toBe('none');
    expect(kalundborg?.measures.find((m) => m.id === 'registrations')?.value).toBeNull();
  });

  it('counts a resource check staff record this year for the company’s municipality', async () => {
    const stream = await send(app, 'POST', '/api/companies/pharmacosmos/streams', staffHeaders, {
      direction: 'output',
      resourceId: 'plastic-scrap',
    });
    expect(stream.status).toBe(201);
    const answer = await send<CouncilReport>(
      app,
      'GET',
      `/api/report?from=${thisYear}&to=${thisYear}`,
      staffHeaders,
    );
    const holbaek = answer.json.municipalities.find((m) => m.code === '0316');
    expect(answer.json.logCoverage).toBe('full');
    expect(holbaek?.measures.find((m) => m.id === 'resource-checks')?.value).toBe(1);
    expect(holbaek?.measures.find((m) => m.id === 'side-streams')?.value).toBe(1);
    expect(answer.json.municipalities.find((m) => m.code === '0306')?.measures[1]?.value).toBe(0);
  });

  it('counts candidates screened and agreements reached from the pipeline, for both councils of a link', async () => {
    for (const stage of ['screening', 'agreement']) {
      const moved = await send(
        app,
        'PATCH',
        '/api/pipeline/kalundborg-forsyning-surplus-heat-to-fors',
        staffHeaders,
        {
          stage,
        },
      );
      expect([stage, moved.status]).toEqual([stage, 200]);
    }
    const answer = await send<CouncilReport>(
      app,
      'GET',
      `/api/report?from=${thisYear}&to=${thisYear}`,
      staffHeaders,
    );
    for (const code of ['0326', '0316']) {
      const section = answer.json.municipalities.find((m) => m.code === code);
      expect(section?.measures.find((m) => m.id === 'candidates-screened')?.value).toBe(1);
      expect(section?.measures.find((m) => m.id === 'agreements')?.value).toBe(1);
      expect(section?.agreements.map((e) => [e.id, e.via])).toEqual([
        ['kalundborg-forsyning-surplus-heat-to-fors', 'pipeline'],
      ]);
    }
    expect(answer.json.municipalities.find((m) => m.code === '0306')?.measures[5]?.value).toBe(0);
  });

  it('refuses a bad period with 400', async () => {
    for (const query of ['from=2015&to=2014', 'from=soon&to=2014', 'from=2013', 'from=1900&to=2014', 'x=1']) {
      const answer = await send(app, 'GET', `/api/report?${query}`, staffHeaders);
      expect([query, answer.status]).toEqual([query, 400]);
    }
  });
});

describe('GET /api/report.csv', () => {
  it('is one row per municipality × measure, then the figures, in the language asked for', async () => {
    const answer = await send(app, 'GET', '/api/report.csv?from=2013&to=2014&lang=da', staffHeaders);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('council-report-2013-2014.csv');
    const lines = answer.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'period_from,period_to,municipality_code,municipality,kind,measure,label,value,unit,year,basis,source,note',
    );
    expect(lines.filter((line) => line.includes(',count,'))).toHaveLength(24);
    expect(lines.some((line) => line.startsWith('2013,2014,0326,Kalundborg,count,exchanges-started,'))).toBe(
      true,
    );
    expect(lines.some((line) => line.includes('Udvekslinger startet'))).toBe(true);
    expect(lines.some((line) => line.includes(',sourced,novo-nordisk-wastewater-to-novonesis,'))).toBe(true);
  });
});

describe('who may read it', () => {
  it('answers anonymous callers 401 and partners 403', async () => {
    for (const url of ['/api/report?from=2013&to=2014', '/api/report.csv?from=2013&to=2014']) {
      expect((await send(app, 'GET', url, anonymousHeaders)).status).toBe(401);
      expect((await send(app, 'GET', url, partnerHeaders(partnerToken))).status).toBe(403);
    }
  });
});
