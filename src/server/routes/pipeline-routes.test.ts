// The secretariat's pipeline over the API: who may read it, how a stage moves (and the exchange with it),
// what is refused, and that nothing of it reaches a public or partner answer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../domain/schema.ts';
import type { PipelineEntry } from '../../domain/workbench/pipeline.ts';
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

/** The seed's one recorded candidate, and a proposal. */
const candidateId = 'kalundborg-forsyning-surplus-heat-to-fors';
const proposalId = 'meliora-biorefinery-residue-to-comet';
const existingId = 'asnaes-steam-to-novo-nordisk';
/** What a browser adds by itself to a same-origin PATCH (it then must send If-Match). */
const fromBrowser = { ...staffHeaders, origin: 'http://localhost:8080' };

const pipelineUrl = (id: string) => `/api/pipeline/${id}`;

async function entries(app: App): Promise<PipelineEntry[]> {
  const answer = await send<PipelineEntry[]>(app, 'GET', '/api/pipeline', staffHeaders);
  expect(answer.status).toBe(200);
  return answer.json;
}

async function exchange(app: App, id: string): Promise<Exchange> {
  return (await send<Exchange>(app, 'GET', `/api/exchanges/${id}`, staffHeaders)).json;
}

describe('the pipeline, for staff', () => {
  it('lists every recorded candidate and proposal at the stage of its status, and no flowing exchange without an item', async () => {
    const { app } = await testApp();
    const listed = await entries(app);
    const byId = new Map(listed.map((entry) => [entry.exchangeId, entry]));
    expect(byId.get(candidateId)).toMatchObject({
      status: 'candidate',
      stage: 'idea',
      item: null,
      resourceId: 'surplus-heat',
      from: { id: 'kalundborg-forsyning', municipality: '0326' },
      to: { id: 'fors' },
    });
    expect(byId.get(proposalId)).toMatchObject({ status: 'proposed', stage: 'agreement', item: null });
    expect(byId.has(existingId)).toBe(false);
    expect(listed.every((entry) => entry.status === 'candidate' || entry.status === 'proposed')).toBe(true);
  });

  it('gives one exchange’s entry with the ETag "v0" until something is recorded, and 404 for an unknown exchange', async () => {
    const { app } = await testApp();
    const one = await send<PipelineEntry>(app, 'GET', pipelineUrl(candidateId), staffHeaders);
    expect(one.status).toBe(200);
    expect(one.etag).toBe('"v0"');
    expect(one.json).toMatchObject({ exchangeId: candidateId, stage: 'idea', item: null });
    for (const [method, url, body] of [
      ['GET', pipelineUrl('no-such-exchange'), undefined],
      ['PATCH', pipelineUrl('no-such-exchange'), { owner: 'AK' }],
      ['POST', `${pipelineUrl('no-such-exchange')}/notes`, { text: 'Hello' }],
    ] as const) {
      const answer = await send(app, method, url, staffHeaders, body);
      expect(answer.status, `${method} ${url}`).toBe(404);
      expect(answer.json.error).toContain('no-such-exchange');
    }
  });

  it('takes a candidate through screening to agreement with an owner, a due date and a note; the exchange is proposed and the public map follows', async () => {
    const { app } = await testApp();
    const screening = await send<PipelineEntry>(app, 'PATCH', pipelineUrl(candidateId), staffHeaders, {
      stage: 'screening',
      owner: 'AK',
      nextStep: { text: 'Ask FORS for their heat demand curve', due: '2026-05-15' },
    });
    expect(screening.status).toBe(200);
    expect(screening.etag).toBe('"v1"');
    expect(screening.json).toMatchObject({ stage: 'screening', status: 'candidate' });
    expect(screening.json.item?.history.map((change) => change.stage)).toEqual(['idea', 'screening']);
    expect((await exchange(app, candidateId)).status).toBe('candidate');

    const noted = await send<PipelineEntry>(app, 'POST', `${pipelineUrl(candidateId)}/notes`, staffHeaders, {
      text: 'Both sides keen; heat pump needed at FORS.',
    });
    expect(noted.status).toBe(201);
    expect(noted.json.item?.notes).toEqual([
      { at: expect.any(String), author: 'staff', text: 'Both sides keen; heat pump needed at FORS.' },
    ]);

    const agreed = await send<PipelineEntry>(
      app,
      'PATCH',
      pipelineUrl(candidateId),
      { ...fromBrowser, 'if-match': noted.etag ?? '' },
      { stage: 'agreement' },
    );
    expect(agreed.status).toBe(200);
    expect(agreed.json).toMatchObject({
      stage: 'agreement',
      status: 'proposed',
      item: { owner: 'AK', nextStep: { due: '2026-05-15' } },
    });
    expect(agreed.json.item?.history.map((change) => change.stage)).toEqual([
      'idea',
      'screening',
      'agreement',
    ]);
    expect((await exchange(app, candidateId)).status).toBe('proposed');
    const publicExchanges = await send<Exchange[]>(app, 'GET', '/api/exchanges', anonymousHeaders);
    expect(publicExchanges.json.find((e) => e.id === candidateId)?.status).toBe('proposed');

    // Audited both: the exchange's status and the pipeline item.
    const audit = await send<AuditEntry[]>(app, 'GET', `/api/audit?entity=${candidateId}`, staffHeaders);
    const kinds = audit.json.map((entry) => `${entry.entity}:${entry.action}`);
    expect(kinds).toContain('exchange:update');
    expect(kinds).toContain('pipeline:create');
    expect(kinds.filter((kind) => kind === 'pipeline:update')).toHaveLength(2);
    const statusChange = audit.json.find((entry) => entry.entity === 'exchange');
    expect(statusChange).toMatchObject({ before: { status: 'candidate' }, after: { status: 'proposed' } });

    const listed = await entries(app);
    expect(listed.find((entry) => entry.exchangeId === candidateId)?.stage).toBe('agreement');
  });

  it('keeps an opportunity on the board once it operates, and lets an ended one move nowhere', async () => {
    const { app } = await testApp();
    for (const stage of ['operating', 'ended'] as const) {
      const moved = await send<PipelineEntry>(app, 'PATCH', pipelineUrl(proposalId), staffHeaders, { stage });
      expect(moved.status, stage).toBe(200);
    }
    expect(await exchange(app, proposalId)).toMatchObject({ status: 'historic', endYear: 2026 });
    expect((await entries(app)).find((entry) => entry.exchangeId === proposalId)?.stage).toBe('ended');

    const refused = await send(app, 'PATCH', pipelineUrl(proposalId), staffHeaders, { stage: 'screening' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toContain('from ended it can move nowhere');
  });

  it('refuses a move the exchange lifecycle refuses, and then changes neither the exchange nor the item', async () => {
    const { app } = await testApp();
    const refused = await send(app, 'PATCH', pipelineUrl(candidateId), staffHeaders, {
      stage: 'operating',
      owner: 'Should not stick',
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toContain('cannot move from idea to operating');
    expect(refused.json.error).toContain('it can move to screening, feasibility, agreement, declined');
    expect((await exchange(app, candidateId)).status).toBe('candidate');
    const after = await send<PipelineEntry>(app, 'GET', pipelineUrl(candidateId), staffHeaders);
    expect(after.json.item).toBeNull();
  });

  it('follows the exchange when its status is changed outside the pipeline', async () => {
    const { app } = await testApp();
    await send(app, 'PATCH', pipelineUrl(candidateId), staffHeaders, { stage: 'feasibility' });
    const proposed = await send(app, 'PATCH', `/api/exchanges/${candidateId}`, staffHeaders, {
      status: 'proposed',
    });
    expect(proposed.status).toBe(200);
    const one = await send<PipelineEntry>(app, 'GET', pipelineUrl(candidateId), staffHeaders);
    expect(one.json).toMatchObject({
      stage: 'agreement',
      status: 'proposed',
      item: { stage: 'feasibility' },
    });
  });

  it('answers 400 for each kind of bad input, naming the field, and stores nothing', async () => {
    const { app } = await testApp();
    const bad: [string, string, unknown, string][] = [
      ['PATCH', pipelineUrl(candidateId), {}, 'at least one'],
      ['PATCH', pipelineUrl(candidateId), { stage: 'contract' }, 'stage'],
      ['PATCH', pipelineUrl(candidateId), { owner: '' }, 'owner'],
      ['PATCH', pipelineUrl(candidateId), { owner: 'x'.repeat(201) }, 'owner'],
      ['PATCH', pipelineUrl(candidateId), { nextStep: { text: 'Call', due: '2026-02-30' } }, 'nextStep.due'],
      ['PATCH', pipelineUrl(candidateId), { nextStep: { text: '', due: '2026-03-01' } }, 'nextStep.text'],
      ['PATCH', pipelineUrl(candidateId), { priority: 'high' }, 'priority'],
      ['POST', `${pipelineUrl(candidateId)}/notes`, { text: '   ' }, 'text'],
      ['POST', `${pipelineUrl(candidateId)}/notes`, { text: 'x'.repeat(2001) }, 'text'],
      ['POST', `${pipelineUrl(candidateId)}/notes`, [], 'note'],
    ];
    for (const [method, url, body, named] of bad) {
      const answer = await send(app, method, url, staffHeaders, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error, JSON.stringify(body)).toContain(named);
    }
    const notJson = await app.request(pipelineUrl(candidateId), {
      method: 'PATCH',
      headers: { ...staffHeaders, 'content-type': 'text/plain' },
      body: 'owner=AK',
    });
    expect(notJson.status).toBe(415);
    expect(
      (await send<PipelineEntry>(app, 'GET', pipelineUrl(candidateId), staffHeaders)).json.item,
    ).toBeNull();
  });

  it('honours If-Match: a stale version is 412 with the current ETag, and a browser must send one', async () => {
    const { app } = await testApp();
    const first = await send(app, 'PATCH', pipelineUrl(candidateId), staffHeaders, { owner: 'AK' });
    expect(first.etag).toBe('"v1"');
    const stale = await send(
      app,
      'PATCH',
      pipelineUrl(candidateId),
      { ...staffHeaders, 'if-match': '"v0"' },
      {
        owner: 'MB',
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.etag).toBe('"v1"');
    const withoutTag = await send(app, 'PATCH', pipelineUrl(candidateId), fromBrowser, { owner: 'MB' });
    expect(withoutTag.status).toBe(428);
    const current = await send(
      app,
      'PATCH',
      pipelineUrl(candidateId),
      { ...fromBrowser, 'if-match': '"v1"' },
      {
        owner: 'MB',
      },
    );
    expect(current.status).toBe(200);
    expect(current.etag).toBe('"v2"');
  });
});

describe('who may read the pipeline', () => {
  const routes: [string, string, unknown][] = [
    ['GET', '/api/pipeline', undefined],
    ['GET', pipelineUrl(candidateId), undefined],
    ['PATCH', pipelineUrl(candidateId), { owner: 'Intruder' }],
    ['POST', `${pipelineUrl(candidateId)}/notes`, { text: 'Intruder' }],
  ];

  it.each(routes)('%s %s: 401 anonymous, 403 a partner', async (method, url, body) => {
    const { app } = await testApp();
    const partner = await issuePartnerToken(app, 'fors');
    const anonymous = await send(app, method, url, anonymousHeaders, body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('Intruder');
    const asPartner = await send(app, method, url, partnerHeaders(partner.token), body);
    expect(asPartner.status).toBe(403);
    expect(
      (await send<PipelineEntry>(app, 'GET', pipelineUrl(candidateId), staffHeaders)).json.item,
    ).toBeNull();
  });
});

/** Every read the API offers a visitor or partner (as in visibility.test.ts), and the staff-only ones. */
const readUrls = [
  '/api/session',
  '/api/resources',
  '/api/companies',
  '/api/companies/kalundborg-forsyning',
  '/api/companies/fors',
  '/api/map/companies',
  '/api/exchanges',
  `/api/exchanges/${candidateId}`,
  '/api/candidates?limit=500',
  '/api/candidates?company=fors&limit=500',
  '/api/partners?lon=11.1&lat=55.67&radiusKm=100&limit=500',
  '/api/stats',
  '/api/impact-figures',
  '/api/export/companies.geojson',
  '/api/export/exchanges.csv',
  '/api/export/candidates.ndjson',
  '/api/openapi.json',
  '/api/audit',
  `/api/audit?entity=${candidateId}`,
  '/api/pipeline',
  pipelineUrl(candidateId),
  `/api/streams/fors-in-surplus-heat`,
];

describe('what of the pipeline reaches public and partner answers', () => {
  let app: App;
  let partnerToken: string;
  /** Distinctive strings staff wrote: an owner, a next step and a note. */
  const secrets = ['Owner-Zq7Kw', 'NextStep-Vx42Lm', 'Note-Pr93Hd'];

  beforeAll(async () => {
    ({ app } = await testApp());
    // The partner is an end of the opportunity itself: even it sees nothing of the secretariat's work.
    partnerToken = (await issuePartnerToken(app, 'fors')).token;
    const patched = await send(app, 'PATCH', pipelineUrl(candidateId), staffHeaders, {
      stage: 'screening',
      owner: secrets[0],
      nextStep: { text: secrets[1], due: '2026-06-01' },
    });
    expect(patched.status).toBe(200);
    const noted = await send(app, 'POST', `${pipelineUrl(candidateId)}/notes`, staffHeaders, {
      text: secrets[2],
    });
    expect(noted.status).toBe(201);
  });

  it('uses strings that staff do see, so that their absence below means something', async () => {
    const board = await send(app, 'GET', '/api/pipeline', staffHeaders);
    const audit = await send(app, 'GET', '/api/audit', staffHeaders);
    for (const secret of secrets) {
      expect(board.text, secret).toContain(secret);
      expect(audit.text, secret).toContain(secret);
    }
  });

  it.each(readUrls)('GET %s, anonymous and partner: no owner, next step or note', async (url) => {
    for (const headers of [anonymousHeaders, partnerHeaders(partnerToken)]) {
      const answer = await send(app, 'GET', url, headers);
      for (const secret of secrets) expect(answer.text, `${url}: ${secret}`).not.toContain(secret);
      if (url.startsWith('/api/pipeline') || url.startsWith('/api/audit')) {
        expect(answer.status, url).toBe(headers === anonymousHeaders ? 401 : 403);
      }
    }
  });
});
