// What-if scenarios over the API: staff only, computed from the candidates as they are now, and never a word
// of them in a public or partner answer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioRecord, ScenarioWithResult } from '../../domain/workbench/scenario.ts';
import {
  anonymousHeaders,
  issuePartnerToken,
  partnerHeaders,
  send,
  staffHeaders,
  testApp,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

const holbaekToFors = 'cand-holbaek-wwtp-out-surplus-heat--fors-in-surplus-heat';
const nktToNykobing = 'cand-nkt-asnaes-out-surplus-heat--nykobing-sj-varmevaerk-in-surplus-heat';
/** Draws on the same heat need of Fors as Holbæk's wastewater plant. */
const pharmacosmosToFors = 'cand-pharmacosmos-out-surplus-heat--fors-in-surplus-heat';
/** A name nobody else would write, to look for in every answer other callers get. */
const secretName = 'Zephyrine heat plan for Fors';

async function setQuantity(app: App, streamId: string, value: number) {
  const answer = await send(app, 'PATCH', `/api/streams/${streamId}`, staffHeaders, {
    quantity: { value, unit: 'MWh/yr' },
  });
  expect(answer.status).toBe(200);
}

let app: App;
let partnerToken: string;
let saved: ScenarioWithResult;

beforeAll(async () => {
  ({ app } = await testApp());
  // Known quantities, so that the candidates carry an estimated impact.
  await setQuantity(app, 'holbaek-wwtp-out-surplus-heat', 20_000);
  await setQuantity(app, 'pharmacosmos-out-surplus-heat', 8000);
  await setQuantity(app, 'fors-in-surplus-heat', 15_000);
  await setQuantity(app, 'nkt-asnaes-out-surplus-heat', 6000);
  await setQuantity(app, 'nykobing-sj-varmevaerk-in-surplus-heat', 9000);
  ({ token: partnerToken } = await issuePartnerToken(app, 'fors'));
  const created = await send<ScenarioWithResult>(app, 'POST', '/api/scenarios', staffHeaders, {
    name: secretName,
    candidateIds: [holbaekToFors, nktToNykobing, pharmacosmosToFors],
  });
  expect(created.status).toBe(201);
  saved = created.json;
});

describe('a saved scenario', () => {
  it('answers with its net CO₂: the saving from the heat factor less the pipe’s, each factor named', () => {
    const co2 = saved.result.metrics.find((metric) => metric.metric === 'co2');
    const lines = saved.result.lines;
    expect(lines.map((line) => [line.candidateId, line.state])).toEqual([
      [holbaekToFors, 'computed'],
      [nktToNykobing, 'computed'],
      // Fors's need is counted once, with the larger match.
      [pharmacosmosToFors, 'shares-stream'],
    ]);
    const counted = lines.filter((line) => line.state === 'computed');
    const gross = counted.reduce((total, line) => total + (line.gross?.value ?? 0), 0);
    const transport = counted.reduce((total, line) => total + (line.transport?.value ?? 0), 0);
    expect(gross).toBeGreaterThan(0);
    expect(co2?.gross.value).toBeCloseTo(gross, 1);
    expect(co2?.transport?.value).toBeCloseTo(transport, 1);
    expect(co2?.net).toEqual({ value: Math.round((gross - transport) * 10) / 10, complete: true });
    expect(co2?.factors.map((factor) => factor.id)).toEqual(['heat-replacing-natural-gas']);
    expect(co2?.transportFactors.map((factor) => factor.sourceUrl)).toEqual([
      'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025',
    ]);
    expect(saved.result.estimate).toBe(true);
  });

  it('is listed and read back with its ETag by staff', async () => {
    const list = await send<ScenarioRecord[]>(app, 'GET', '/api/scenarios', staffHeaders);
    expect(list.json.map((record) => record.scenario.name)).toContain(secretName);
    const one = await send<ScenarioWithResult>(app, 'GET', `/api/scenarios/${saved.id}`, staffHeaders);
    expect(one.status).toBe(200);
    expect(one.etag).toBe('"v1"');
    expect(one.headers.get('cache-control')).toContain('no-store');
    expect(one.json.scenario).toMatchObject({ name: secretName, createdBy: 'staff' });
  });

  it('is renamed with If-Match, and a stale version answers 412', async () => {
    const renamed = await send<ScenarioWithResult>(
      app,
      'PATCH',
      `/api/scenarios/${saved.id}`,
      { ...staffHeaders, 'if-match': '"v1"' },
      { name: `${secretName} (v2)` },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.json.scenario.name).toBe(`${secretName} (v2)`);
    const stale = await send(
      app,
      'PATCH',
      `/api/scenarios/${saved.id}`,
      { ...staffHeaders, 'if-match': '"v1"' },
      {
        name: 'late',
      },
    );
    expect(stale.status).toBe(412);
    const fromBrowser = await send(
      app,
      'PATCH',
      `/api/scenarios/${saved.id}`,
      { ...staffHeaders, origin: 'http://localhost' },
      { name: 'no version' },
    );
    expect(fromBrowser.status).toBe(428);
  });

  it('reports a candidate the engine no longer computes, and counts only the rest', async () => {
    const removed = await send(app, 'DELETE', '/api/streams/nkt-asnaes-out-surplus-heat', staffHeaders);
    expect(removed.status).toBe(204);
    const one = await send<ScenarioWithResult>(app, 'GET', `/api/scenarios/${saved.id}`, staffHeaders);
    const lines = one.json.result.lines;
    expect(lines.map((line) => [line.candidateId, line.state])).toEqual([
      [holbaekToFors, 'computed'],
      [nktToNykobing, 'not-computed'],
      [pharmacosmosToFors, 'shares-stream'],
    ]);
    expect(one.json.result.metrics.find((m) => m.metric === 'co2')?.gross.counted).toEqual([holbaekToFors]);
  });
});

describe('bad input and other callers', () => {
  it('refuses each bad input with a 4xx and stores nothing', async () => {
    const before = (await send<ScenarioRecord[]>(app, 'GET', '/api/scenarios', staffHeaders)).json.length;
    const post = (body: unknown) => send(app, 'POST', '/api/scenarios', staffHeaders, body);
    expect((await post({ name: '', candidateIds: [holbaekToFors] })).status).toBe(400);
    expect((await post({ name: 'x', candidateIds: [] })).status).toBe(400);
    expect((await post({ name: 'x', candidateIds: ['fors'] })).status).toBe(400);
    expect((await post({ name: 'x', candidateIds: [holbaekToFors], extra: 1 })).status).toBe(400);
    const unknown = await post({ name: 'x', candidateIds: ['cand-nobody-out-heat--fors-in-surplus-heat'] });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Not a computed candidate');
    const notJson = await app.request('/api/scenarios', {
      method: 'POST',
      headers: { authorization: staffHeaders.authorization, 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(notJson.status).toBe(415);
    expect((await send(app, 'GET', '/api/scenarios/sc-000000000000', staffHeaders)).status).toBe(404);
    const after = (await send<ScenarioRecord[]>(app, 'GET', '/api/scenarios', staffHeaders)).json.length;
    expect(after).toBe(before);
  });

  it('answers anonymous callers 401 and partners 403, on every scenario route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/scenarios'],
      ['GET', `/api/scenarios/${saved.id}`],
      ['POST', '/api/scenarios', { name: 'x', candidateIds: [holbaekToFors] }],
      ['PATCH', `/api/scenarios/${saved.id}`, { name: 'x' }],
    ];
    for (const [method, url, body] of routes) {
      const anonymous = await send(app, method, url, anonymousHeaders, body);
      const partner = await send(app, method, url, partnerHeaders(partnerToken), body);
      expect([method, url, anonymous.status]).toEqual([method, url, 401]);
      expect([method, url, partner.status]).toEqual([method, url, 403]);
      for (const answer of [anonymous, partner]) {
        expect(answer.text).not.toContain('Zephyrine');
        expect(answer.text).not.toContain(saved.id);
      }
    }
  });

  it('never puts a scenario’s name or id in any public or partner answer (raw bodies)', async () => {
    const urls = [
      '/api/session',
      '/api/companies',
      '/api/companies/fors',
      '/api/map/companies',
      '/api/exchanges',
      '/api/candidates?limit=500',
      '/api/candidates?company=fors&limit=500',
      '/api/stats',
      '/api/impact-figures',
      '/api/export/companies.geojson',
      '/api/export/exchanges.csv',
      '/api/export/candidates.ndjson',
      '/api/openapi.json',
      '/api/audit',
      '/api/report?from=2020&to=2026',
      '/api/report.csv?from=2020&to=2026',
    ];
    for (const url of urls) {
      for (const headers of [anonymousHeaders, partnerHeaders(partnerToken)]) {
        const answer = await send(app, 'GET', url, headers);
        expect([url, answer.text.includes('Zephyrine')]).toEqual([url, false]);
        expect([url, answer.text.includes(saved.id)]).toEqual([url, false]);
      }
    }
  });
});
