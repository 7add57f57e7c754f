// Who sees what: the public, partners and the secretariat over one dataset, and who may change which stream.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { CompanyCollection, Exchange, StreamRecord } from '../../domain/schema.ts';
import type { AtlasStats, YearStats } from '../../domain/stats.ts';
import { hashToken } from '../auth.ts';
import type { AuditEntry } from '../storage/atlas-store.ts';
import { SqliteStore } from '../storage/sqlite-store.ts';
import {
  anonymousHeaders,
  committedDataset,
  issuePartnerToken,
  partnerHeaders,
  staffHeaders,
  testApp,
  testYear,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

async function call(
  app: App,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; text: string; json: unknown }> {
  const response = await app.request(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // CSV and empty answers stay text.
  }
  return { status: response.status, text, json };
}

/** Every read the API offers a visitor, exports and the API description included. */
const readUrls = [
  '/api/session',
  '/api/resources',
  '/api/companies',
  '/api/companies?resource=surplus-heat',
  '/api/companies/kalundborg-forsyning',
  '/api/companies/novo-nordisk-kalundborg',
  '/api/companies/kalundborg-refinery',
  '/api/companies/nkt-asnaes',
  '/api/exchanges',
  '/api/exchanges?status=candidate,proposed,existing',
  '/api/candidates?limit=500',
  '/api/candidates?company=kalundborg-forsyning&limit=500',
  '/api/candidates?resource=surplus-heat&limit=500',
  '/api/partners?lon=11.1&lat=55.67&radiusKm=100&limit=500',
  '/api/partners?lon=11.1&lat=55.67&radiusKm=100&resource=surplus-heat&direction=input&limit=500',
  '/api/stats',
  '/api/impact-figures',
  '/api/export/companies.geojson',
  '/api/export/exchanges.csv',
  '/api/export/candidates.ndjson',
  '/api/export/candidates.ndjson?perCompany=100',
  '/api/openapi.json',
];

describe('what anonymous callers, partners and staff read', () => {
  let app: App;
  /** Ids of records the public must never see, and figures (as written and as digits) it must never see. */
  const hiddenIds: string[] = [];
  const hiddenFigures = ['186427', '186,427', '391753', '518263'];
  const partnersOnlyFigure = '273519';
  let partnerStreamId: string;
  let novoPartner: string;

  const text = async (url: string, headers: Record<string, string>) => {
    const answer = await call(app, 'GET', url, headers);
    expect(answer.status, url).toBe(200);
    return answer.text;
  };

  beforeAll(async () => {
    let service: Awaited<ReturnType<typeof testApp>>['service'];
    ({ app, service } = await testApp());
    const staff = (method: string, url: string, body?: unknown) => call(app, method, url, staffHeaders, body);

    // The seed's own secretariat-only streams (estimates, unknowns of registered potentials).
    const seeded = await service.snapshot();
    for (const company of seeded.companies) {
      for (const stream of company.properties.streams) {
        if (stream.visibility !== 'public') hiddenIds.push(stream.id);
      }
    }
    expect(hiddenIds).toContain('nkt-asnaes-out-surplus-heat');
    expect(hiddenIds).not.toContain('fors-in-surplus-heat');

    // An exact figure only staff may see, on a public stream, with a note that repeats it.
    expect(
      (
        await staff('PATCH', '/api/streams/kalundborg-forsyning-in-surplus-heat', {
          quantity: { value: 186427, unit: 'MWh/yr', approximate: true, note: 'about 186,427 MWh/yr' },
          quantityVisibility: 'secretariat',
        })
      ).status,
    ).toBe(200);
    // Its counterpart's figure is public: a quantity fit against it would give the hidden one away.
    expect(
      (
        await staff('PATCH', '/api/streams/novo-nordisk-kalundborg-out-surplus-heat', {
          quantity: { value: 100000, unit: 'MWh/yr' },
        })
      ).status,
    ).toBe(200);
    // An exact figure for partners, on a public exchange that has avoided-emission figures.
    expect(
      (
        await staff('PATCH', '/api/exchanges/refinery-sulphur-fertiliser-to-farms', {
          quantity: { value: Number(partnersOnlyFigure), unit: 't/yr' },
          quantityVisibility: 'partners',
        })
      ).status,
    ).toBe(200);

    // A company staff have not released, with a "public" stream and a "public" exchange to it.
    const quiet = await staff('POST', '/api/companies', {
      name: 'Quiet Pilot Plant',
      location: { lon: 11.14, lat: 55.67 },
      municipality: '0326',
      description: { da: 'Pilotanlæg.', en: 'Pilot plant.' },
    });
    expect(quiet.status).toBe(201);
    hiddenIds.push('quiet-pilot-plant');
    const quietStream = await staff('POST', '/api/companies/quiet-pilot-plant/streams', {
      direction: 'input',
      resourceId: 'surplus-heat',
      visibility: 'public',
      quantity: { value: 518263, unit: 'MWh/yr' },
    });
    hiddenIds.push((quietStream.json as StreamRecord).id);
    const toQuiet = await staff('POST', '/api/exchanges', {
      from: 'kalundborg-forsyning',
      to: 'quiet-pilot-plant',
      resourceId: 'surplus-heat',
      visibility: 'public',
    });
    hiddenIds.push((toQuiet.json as Exchange).id);

    // A candidate staff have not released, between two public companies.
    const unreleased = await staff('POST', '/api/exchanges', {
      from: 'novo-nordisk-kalundborg',
      to: 'kalundborg-forsyning',
      resourceId: 'surplus-heat',
      quantity: { value: 391753, unit: 'MWh/yr' },
    });
    expect(unreleased.status).toBe(201);
    hiddenIds.push((unreleased.json as Exchange).id);

    // A stream a partner shares with the other partners only.
    const forsyning = await issuePartnerToken(app, 'kalundborg-forsyning');
    const shared = await call(
      app,
      'POST',
      '/api/companies/kalundborg-forsyning/streams',
      partnerHeaders(forsyning.token),
      { direction: 'output', resourceId: 'biogas', visibility: 'partners' },
    );
    expect(shared.status).toBe(201);
    partnerStreamId = (shared.json as StreamRecord).id;
    hiddenIds.push(partnerStreamId);
    novoPartner = (await issuePartnerToken(app, 'novo-nordisk-kalundborg')).token;
  });

  it('uses markers that staff do see, so that their absence below means something', async () => {
    const everything = (await Promise.all(readUrls.map((url) => text(url, staffHeaders)))).join('\n');
    for (const marker of [...hiddenIds, ...hiddenFigures, partnersOnlyFigure]) {
      expect(everything, marker).toContain(marker);
    }
  });

  it.each(readUrls)('GET %s, anonymous: no non-public record, no hidden exact figure', async (url) => {
    const raw = await text(url, anonymousHeaders);
    for (const id of hiddenIds) expect(raw, id).not.toContain(id);
    for (const figure of [...hiddenFigures, partnersOnlyFigure]) expect(raw, figure).not.toContain(figure);
  });

  it.each(readUrls)('GET %s, partner: no secretariat record or figure', async (url) => {
    const raw = await text(url, partnerHeaders(novoPartner));
    const secretariatOnly = hiddenIds.filter((id) => id !== partnerStreamId);
    for (const id of secretariatOnly) expect(raw, id).not.toContain(id);
    for (const figure of hiddenFigures) expect(raw, figure).not.toContain(figure);
  });

  it('shows partners what is shared with partners, exact figures included', async () => {
    const companies = await text('/api/companies', partnerHeaders(novoPartner));
    expect(companies).toContain(partnerStreamId);
    const exchanges = await text('/api/exchanges', partnerHeaders(novoPartner));
    expect(exchanges).toContain(partnersOnlyFigure);
  });

  it('does not open a hidden company to anyone but staff', async () => {
    expect((await call(app, 'GET', '/api/companies/quiet-pilot-plant', anonymousHeaders)).status).toBe(404);
    expect(
      (await call(app, 'GET', '/api/companies/quiet-pilot-plant', partnerHeaders(novoPartner))).status,
    ).toBe(404);
    expect(
      (await call(app, 'GET', '/api/candidates?company=quiet-pilot-plant', anonymousHeaders)).status,
    ).toBe(404);
    expect((await call(app, 'GET', '/api/companies/quiet-pilot-plant', staffHeaders)).status).toBe(200);
  });

  it('gives the public a band instead of a hidden figure, without the note or the impact that repeat it', async () => {
    const companies = (await call(app, 'GET', '/api/companies', anonymousHeaders)).json as CompanyCollection;
    const heat = companies.features
      .flatMap((f) => f.properties.streams)
      .find((s) => s.id === 'kalundborg-forsyning-in-surplus-heat');
    expect(heat?.quantity).toEqual({ value: null, unit: 'MWh/yr', band: { min: 100000, max: 200000 } });
    expect(heat?.quantityVisibility).toBe('secretariat');

    const exchanges = (await call(app, 'GET', '/api/exchanges', anonymousHeaders)).json as Exchange[];
    const fertiliser = exchanges.find((e) => e.id === 'refinery-sulphur-fertiliser-to-farms');
    expect(fertiliser?.quantity).toEqual({ value: null, unit: 't/yr', band: { min: 200000, max: 500000 } });
    expect(fertiliser?.impact).toEqual([]);

    const csv = await text('/api/export/exchanges.csv', anonymousHeaders);
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = (header ?? '').split(',');
    const row = rows.find((r) => r.startsWith('refinery-sulphur-fertiliser-to-farms,'))?.split(',') ?? [];
    expect(row[columns.indexOf('quantity')]).toBe('');
    expect(row[columns.indexOf('quantity_min')]).toBe('200000');
    expect(row[columns.indexOf('quantity_max')]).toBe('500000');
  });

  it('counts a banded quantity as a range, never with its hidden figure', async () => {
    const yearOf = async (headers: Record<string, string>) =>
      ((await call(app, 'GET', '/api/stats', headers)).json as AtlasStats).byYear.find(
        (y) => y.year === testYear,
      );
    const tonnes = (entry: YearStats | undefined) => entry?.quantified.find((q) => q.unit === 't/yr');
    const staffYear = await yearOf(staffHeaders);
    const publicYear = await yearOf(anonymousHeaders);
    const partnerYear = await yearOf(partnerHeaders(novoPartner));
    // The public learns that the sulphur exchange has a figure in t/yr (its band says so), not the figure.
    expect(tonnes(publicYear)?.exchangeIds).toContain('refinery-sulphur-fertiliser-to-farms');
    expect(tonnes(publicYear)?.exchangeIds).toEqual(tonnes(staffYear)?.exchangeIds);
    expect(tonnes(publicYear)?.ranges).toBe((tonnes(staffYear)?.ranges ?? 0) + 1);
    expect(tonnes(partnerYear)).toEqual(tonnes(staffYear));
    expect(publicYear?.exchangesWithUnknownQuantity).toBe(staffYear?.exchangesWithUnknownQuantity);
  });

  it('scores the public’s candidates only on figures the public may see', async () => {
    const id = 'cand-novo-nordisk-kalundborg-out-surplus-heat--kalundborg-forsyning-in-surplus-heat';
    const find = async (headers: Record<string, string>) =>
      (
        (await call(app, 'GET', '/api/candidates?company=kalundborg-forsyning&limit=500', headers))
          .json as CandidateExchange[]
      ).find((c) => c.id === id);
    const seenByStaff = await find(staffHeaders);
    const seenByPublic = await find(anonymousHeaders);
    expect(seenByStaff?.matchedQuantity).toEqual({ value: 100000, unit: 'MWh/yr', approximate: true });
    expect(seenByStaff?.scoreParts.quantityFit).toBe(0.536);
    expect(seenByPublic?.matchedQuantity).toEqual({ value: null, unit: 'MWh/yr' });
    expect(seenByPublic?.scoreParts.quantityFit).toBe(0.5);
    expect(seenByPublic?.impact?.value ?? null).toBeNull();
  });

  it('shows staff every record and every exact figure', async () => {
    const snapshot = await committedDataset();
    const companies = (await call(app, 'GET', '/api/companies', staffHeaders)).json as CompanyCollection;
    expect(companies.features.length).toBe(snapshot.companies.features.length + 1);
    const streams = companies.features.flatMap((f) => f.properties.streams);
    const seededStreams = snapshot.companies.features.flatMap((f) => f.properties.streams);
    expect(streams.length).toBe(seededStreams.length + 2);
    // Staff never get a figure coarsened to a band: the only bands are the ranges the seed stores as published.
    const bands = (list: typeof streams) =>
      list
        .filter((s) => 'band' in s.quantity)
        .map((s) => s.id)
        .sort();
    expect(bands(streams)).toEqual(bands(seededStreams));
    const exchanges = (await call(app, 'GET', '/api/exchanges', staffHeaders)).json as Exchange[];
    expect(exchanges.length).toBe(snapshot.exchanges.length + 2);
  });

  it('tells each caller its level and company', async () => {
    expect((await call(app, 'GET', '/api/session', anonymousHeaders)).json).toEqual({
      level: 'public',
      companyId: null,
      contactEmail: null,
    });
    expect((await call(app, 'GET', '/api/session', partnerHeaders(novoPartner))).json).toEqual({
      level: 'partners',
      companyId: 'novo-nordisk-kalundborg',
      contactEmail: null,
    });
    expect((await call(app, 'GET', '/api/session', staffHeaders)).json).toEqual({
      level: 'secretariat',
      companyId: null,
      contactEmail: null,
    });
    expect((await call(app, 'GET', '/api/session', partnerHeaders('atlas_pt_made-up'))).status).toBe(401);
  });

  it('takes the API description’s examples from what the caller may see', async () => {
    const document = (await call(app, 'GET', '/api/openapi.json', anonymousHeaders)).json as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>
      >;
    };
    const example = document.paths['/api/exchanges']?.get?.responses['200']?.content['application/json'] as {
      example?: Exchange[];
    };
    expect(example.example?.[0]?.visibility).toBe('public');
  });
});

describe('what a partner may change', () => {
  let app: App;
  let partner: Record<string, string>;
  const send = (method: string, url: string, body?: unknown, headers = partner) =>
    call(app, method, url, headers, body);

  beforeAll(async () => {
    ({ app } = await testApp());
    partner = partnerHeaders((await issuePartnerToken(app, 'kalundborg-forsyning')).token);
  });

  it('changes, adds and deletes its own company’s streams, audited as the partner', async () => {
    const changed = await send('PATCH', '/api/streams/kalundborg-forsyning-in-surplus-heat', {
      quantity: { value: 82000, unit: 'MWh/yr', referenceYear: 2025 },
    });
    expect(changed.status).toBe(200);
    // Only what the patch names changes, visibility and sources stay as they were; the new figure is the
    // company's word until staff confirm it, so the verified badge does not carry over to it.
    expect(changed.json).toMatchObject({
      quantity: { value: 82000 },
      visibility: 'public',
      verification: 'reported',
      companyId: 'kalundborg-forsyning',
    });
    expect((changed.json as StreamRecord).source[0]).toMatch(/^https?:\/\//);

    const added = await send('POST', '/api/companies/kalundborg-forsyning/streams', {
      direction: 'output',
      resourceId: 'biogas',
    });
    expect(added.status).toBe(201);
    const stream = added.json as StreamRecord;
    expect(stream).toMatchObject({ visibility: 'secretariat', verification: 'reported' });
    expect((await send('DELETE', `/api/streams/${stream.id}`)).status).toBe(204);

    const audit = (await call(app, 'GET', '/api/audit?limit=10', staffHeaders)).json as AuditEntry[];
    expect(audit.slice(0, 3).map((e) => [e.actor, e.action, e.entityId])).toEqual([
      ['partner:kalundborg-forsyning', 'delete', stream.id],
      ['partner:kalundborg-forsyning', 'create', stream.id],
      ['partner:kalundborg-forsyning', 'update', 'kalundborg-forsyning-in-surplus-heat'],
    ]);
  });

  it('gets 403 on another company’s streams, and 404 on one it cannot see', async () => {
    expect(
      (await send('PATCH', '/api/streams/asnaes-power-station-out-steam', { status: 'historic' })).status,
    ).toBe(403);
    expect((await send('DELETE', '/api/streams/asnaes-power-station-out-steam')).status).toBe(403);
    expect(
      (
        await send('POST', '/api/companies/asnaes-power-station/streams', {
          direction: 'input',
          resourceId: 'steam',
        })
      ).status,
    ).toBe(403);
    // Secretariat-only: the answer must not confirm that it exists.
    expect(
      (await send('PATCH', '/api/streams/nkt-asnaes-out-surplus-heat', { status: 'historic' })).status,
    ).toBe(404);
    expect((await send('DELETE', '/api/streams/no-such-stream')).status).toBe(404);
    const steam = (await call(app, 'GET', '/api/companies/asnaes-power-station', staffHeaders)).json as {
      company: { properties: { streams: StreamRecord[] } };
    };
    expect(
      steam.company.properties.streams.find((s) => s.id === 'asnaes-power-station-out-steam')?.status,
    ).toBe('active');
  });

  it('shares with partners but does not publish, and does not set verification', async () => {
    const publicStream = await send('POST', '/api/companies/kalundborg-forsyning/streams', {
      direction: 'output',
      resourceId: 'steam',
      visibility: 'public',
    });
    expect(publicStream.status).toBe(403);
    expect((publicStream.json as { error: string }).error).toContain('secretariat');

    const shared = await send('POST', '/api/companies/kalundborg-forsyning/streams', {
      direction: 'output',
      resourceId: 'steam',
      visibility: 'partners',
    });
    expect(shared.status).toBe(201);
    const id = (shared.json as StreamRecord).id;
    expect((await send('PATCH', `/api/streams/${id}`, { visibility: 'public' })).status).toBe(403);
    expect((await send('PATCH', `/api/streams/${id}`, { visibility: 'secretariat' })).status).toBe(200);

    // A public stream's exact figure: the partner may hide it, but only staff may publish it again.
    const heat = '/api/streams/kalundborg-forsyning-in-surplus-heat';
    expect((await send('PATCH', heat, { quantityVisibility: 'partners' })).status).toBe(200);
    expect((await send('PATCH', heat, { quantityVisibility: 'public' })).status).toBe(403);
    expect((await call(app, 'PATCH', heat, staffHeaders, { quantityVisibility: 'public' })).status).toBe(200);

    expect((await send('PATCH', heat, { verification: 'verified' })).status).toBe(403);
  });

  it('cannot register companies, record exchanges, move an exchange on, or use staff-only reads', async () => {
    const company = {
      name: 'Partner Spin-off',
      location: { lon: 11.1, lat: 55.67 },
      municipality: '0326',
      description: { da: 'X.', en: 'X.' },
    };
    expect((await send('POST', '/api/companies', company)).status).toBe(403);
    expect((await send('PATCH', '/api/companies/kalundborg-forsyning', { name: 'Renamed' })).status).toBe(
      403,
    );
    expect((await send('DELETE', '/api/companies/kalundborg-forsyning')).status).toBe(403);
    expect(
      (
        await send('POST', '/api/exchanges', {
          from: 'kalundborg-forsyning',
          to: 'fors',
          resourceId: 'surplus-heat',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send('PATCH', '/api/exchanges/kalundborg-forsyning-surplus-heat-to-fors', {
          status: 'proposed',
        })
      ).status,
    ).toBe(403);
    expect((await send('GET', '/api/audit')).status).toBe(403);
    expect((await send('GET', '/api/partner-tokens')).status).toBe(403);
    expect((await send('POST', '/api/partner-tokens', { companyId: 'kalundborg-forsyning' })).status).toBe(
      403,
    );
  });

  it('sees what is shared with partners and its own company in full, which the public does not', async () => {
    const staff = (url: string, body: unknown) => call(app, 'PATCH', url, staffHeaders, body);
    expect(
      (await staff('/api/streams/novo-nordisk-kalundborg-out-wastewater', { visibility: 'partners' })).status,
    ).toBe(200);
    expect(
      (await staff('/api/streams/novo-nordisk-kalundborg-out-yeast-slurry', { visibility: 'secretariat' }))
        .status,
    ).toBe(200);
    expect(
      (await staff('/api/streams/kalundborg-forsyning-out-municipal-waste', { visibility: 'secretariat' }))
        .status,
    ).toBe(200);
    const ids = async (headers: Record<string, string>) =>
      ((await call(app, 'GET', '/api/companies', headers)).json as CompanyCollection).features.flatMap((f) =>
        f.properties.streams.map((s) => s.id),
      );
    const partnerSees = await ids(partner);
    expect(partnerSees).toContain('novo-nordisk-kalundborg-out-wastewater');
    expect(partnerSees).not.toContain('novo-nordisk-kalundborg-out-yeast-slurry');
    expect(partnerSees).toContain('kalundborg-forsyning-out-municipal-waste');
    const publicSees = await ids(anonymousHeaders);
    expect(publicSees).not.toContain('novo-nordisk-kalundborg-out-wastewater');
    expect(publicSees).not.toContain('kalundborg-forsyning-out-municipal-waste');
  });
});

describe('partner tokens', () => {
  it('are shown once, listed without secrets, and stop working when revoked', async () => {
    const { app, service } = await testApp();
    const issued = await call(app, 'POST', '/api/partner-tokens', staffHeaders, {
      companyId: 'novo-nordisk-kalundborg',
      label: 'Energy team',
    });
    expect(issued.status).toBe(201);
    const { id, token } = issued.json as { id: string; token: string };
    expect(token.length).toBeGreaterThanOrEqual(40);

    const listed = await call(app, 'GET', '/api/partner-tokens', staffHeaders);
    expect(listed.json).toEqual([
      expect.objectContaining({
        id,
        companyId: 'novo-nordisk-kalundborg',
        label: 'Energy team',
        createdBy: 'staff',
      }),
    ]);
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toContain(hashToken(token));
    // The store keeps the hash, never the secret.
    expect(await service.store.findPartnerToken(hashToken(token))).toMatchObject({ id });
    const audit = await call(app, 'GET', `/api/audit?entity=${id}`, staffHeaders);
    expect(audit.text).not.toContain(token);
    expect(audit.text).not.toContain(hashToken(token));
    expect((audit.json as AuditEntry[])[0]).toMatchObject({
      actor: 'staff',
      action: 'create',
      entity: 'partner-token',
    });

    expect((await call(app, 'GET', '/api/session', partnerHeaders(token))).status).toBe(200);
    expect((await call(app, 'DELETE', `/api/partner-tokens/${id}`, staffHeaders)).status).toBe(204);
    expect((await call(app, 'GET', '/api/session', partnerHeaders(token))).status).toBe(401);
    expect((await call(app, 'DELETE', `/api/partner-tokens/${id}`, staffHeaders)).status).toBe(404);
    expect((await call(app, 'GET', '/api/partner-tokens', staffHeaders)).json).toEqual([]);
  });

  it('are issued by staff only, for a company that exists', async () => {
    const { app } = await testApp();
    const body = { companyId: 'fors' };
    expect((await call(app, 'POST', '/api/partner-tokens', anonymousHeaders, body)).status).toBe(401);
    expect((await call(app, 'GET', '/api/partner-tokens', anonymousHeaders)).status).toBe(401);
    expect(
      (await call(app, 'POST', '/api/partner-tokens', staffHeaders, { companyId: 'nobody' })).status,
    ).toBe(404);
    expect((await call(app, 'POST', '/api/partner-tokens', staffHeaders, { company: 'fors' })).status).toBe(
      400,
    );
  });

  it('read at the partners level but cannot write on a server without a staff token', async () => {
    const { app, service } = await testApp({ staffToken: undefined });
    const token = 'atlas_pt_issued-while-the-server-had-a-staff-token';
    await service.store.createPartnerToken(
      { id: 'pt-test', companyId: 'fors', label: null, tokenHash: hashToken(token) },
      'staff',
    );
    expect((await call(app, 'GET', '/api/session', partnerHeaders(token))).json).toEqual({
      level: 'partners',
      companyId: 'fors',
      contactEmail: null,
    });
    const write = await call(app, 'PATCH', '/api/streams/fors-in-surplus-heat', partnerHeaders(token), {
      status: 'active',
    });
    expect(write.status).toBe(403);
    expect((write.json as { error: string }).error).toContain('ATLAS_STAFF_TOKEN');
  });

  it('get their table from a new migration on a database made before them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-tokens-'));
    const first = await SqliteStore.open({ dataDir, seed: committedDataset });
    await first.close();
    // Turn the database back into one made by the previous version: schema 1, no token table, no versions.
    const db = new BetterSqlite3(path.join(dataDir, 'atlas.sqlite'));
    db.exec('DROP TABLE partner_tokens');
    db.exec('DROP TABLE work_records');
    for (const table of ['companies', 'streams', 'exchanges'])
      db.exec(`ALTER TABLE ${table} DROP COLUMN version`);
    db.pragma('user_version = 1');
    db.close();
    const store = await SqliteStore.open({
      dataDir,
      seed: () => Promise.reject(new Error('an existing database is not seeded again')),
    });
    await store.createPartnerToken(
      { id: 'pt-after', companyId: 'fors', label: null, tokenHash: 'a'.repeat(64) },
      'staff',
    );
    expect((await store.listPartnerTokens()).map((t) => t.id)).toEqual(['pt-after']);
    expect((await store.snapshot()).companies.length).toBe(
      (await committedDataset()).companies.features.length,
    );
    await store.close();
  });
});

describe('the audit log', () => {
  it('records every change of visibility, with who made it', async () => {
    const { app } = await testApp();
    const partner = partnerHeaders((await issuePartnerToken(app, 'kalundborg-forsyning')).token);
    const writes: [Record<string, string>, string, unknown][] = [
      [staffHeaders, '/api/companies/nkt-asnaes', { visibility: 'partners' }],
      [staffHeaders, '/api/streams/asnaes-power-station-out-steam', { visibility: 'secretariat' }],
      [
        staffHeaders,
        '/api/exchanges/refinery-sulphur-fertiliser-to-farms',
        { quantityVisibility: 'partners' },
      ],
      [partner, '/api/streams/kalundborg-forsyning-out-plastic-scrap', { visibility: 'partners' }],
    ];
    for (const [headers, url, body] of writes) {
      expect((await call(app, 'PATCH', url, headers, body)).status, url).toBe(200);
    }
    const entries = (await call(app, 'GET', '/api/audit?limit=10', staffHeaders)).json as AuditEntry[];
    const seen = (entityId: string) => entries.find((e) => e.entityId === entityId);
    const visibilities = (entry: AuditEntry | undefined, key: 'visibility' | 'quantityVisibility') => {
      const of = (record: unknown) => {
        const value = record as Record<string, unknown> & { properties?: Record<string, unknown> };
        return value.properties?.[key] ?? value[key];
      };
      return [entry?.actor, of(entry?.before), of(entry?.after)];
    };
    expect(visibilities(seen('nkt-asnaes'), 'visibility')).toEqual(['staff', 'public', 'partners']);
    // A patch changes only what it names (it used to reset sources, locationSource and more to defaults),
    // and the entry holds just that change.
    const company = seen('nkt-asnaes') as AuditEntry & { before: object; after: object };
    expect(company.before).toEqual({ visibility: 'public' });
    expect(company.after).toEqual({ visibility: 'partners' });
    expect(visibilities(seen('asnaes-power-station-out-steam'), 'visibility')).toEqual([
      'staff',
      'public',
      'secretariat',
    ]);
    expect(visibilities(seen('refinery-sulphur-fertiliser-to-farms'), 'quantityVisibility')).toEqual([
      'staff',
      undefined,
      'partners',
    ]);
    expect(visibilities(seen('kalundborg-forsyning-out-plastic-scrap'), 'visibility')).toEqual([
      'partner:kalundborg-forsyning',
      'public',
      'partners',
    ]);
  });
});
