// Companies registering their own side-streams: the public form refuses every kind of bad input and stores
// nothing then, limits each address, answers only a reference; the secretariat reviews, edits, accepts (a new
// company or a merge) or declines; and nobody but the secretariat ever reads a registration.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MapCompany } from '../../domain/api.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { CompanyFeature } from '../../domain/schema.ts';
import type { Registration, RegistrationSubmission } from '../../domain/workbench/registration.ts';
import { createApp } from '../app.ts';
import {
  anonymousHeaders,
  checkedApp,
  issuePartnerToken,
  partnerHeaders,
  projectGeodataDir,
  send,
  staffHeaders,
  testService,
  testStaffToken,
} from '../testing.ts';

type App = ReturnType<typeof checkedApp>;

/** A fresh app over a fresh store; the form's limit per address is lifted unless `perMinute` is given. */
async function registrationApp(perMinute = 10_000): Promise<App> {
  const service = await testService();
  return checkedApp(
    createApp({
      geodataDir: projectGeodataDir,
      service,
      staffToken: testStaffToken,
      rateLimits: null,
      registrationsPerMinute: perMinute,
    }),
  );
}

const contactEmail = 'mette.jensen@greenhouses.example.dk';

function submission(fields: Partial<RegistrationSubmission> = {}): RegistrationSubmission {
  return {
    company: { name: 'Holbæk Greenhouses ApS', cvr: '12345678' },
    contact: { name: 'Mette Jensen', email: contactEmail },
    location: { lon: 11.69, lat: 55.705 },
    streams: [{ direction: 'input', resourceId: 'surplus-heat', quantity: { value: 4000, unit: 'MWh/yr' } }],
    consent: { shownTo: 'public', exactQuantities: true },
    ...fields,
  };
}

const submit = (app: App, body: unknown, headers = anonymousHeaders) =>
  send<{ reference: string; status: string; error?: string }>(
    app,
    'POST',
    '/api/registrations',
    headers,
    body,
  );

const queue = async (app: App, query = '') => {
  const answer = await send<Registration[]>(app, 'GET', `/api/registrations${query}`, staffHeaders);
  expect(answer.status).toBe(200);
  return answer.json;
};

describe('the public form, POST /api/registrations', () => {
  it('answers 201 with the reference and the status only, and the registration waits for the secretariat', async () => {
    const app = await registrationApp();
    const answer = await submit(app, submission({ homepage: '' }));
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.json).sort()).toEqual(['reference', 'status']);
    expect(answer.json.status).toBe('pending');
    expect(answer.json.reference).toMatch(/^SA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(answer.text).not.toContain(contactEmail);
    expect(answer.text).not.toContain('Holbæk Greenhouses');

    const [stored] = await queue(app);
    expect(stored).toMatchObject({
      reference: answer.json.reference,
      status: 'pending',
      municipality: '0316',
      decidedAt: null,
      companyId: null,
      submission: { company: { name: 'Holbæk Greenhouses ApS' }, contact: { email: contactEmail } },
    });
    expect(stored?.submission).not.toHaveProperty('homepage');
    // Not published by itself: the map has no such company.
    const map = await send<MapCompany[]>(app, 'GET', '/api/map/companies', staffHeaders);
    expect(map.json.some((company) => company.name === 'Holbæk Greenhouses ApS')).toBe(false);
  });

  describe('refuses each kind of bad input with a 4xx and a message, and stores nothing', () => {
    let app: App;
    beforeAll(async () => {
      app = await registrationApp();
    });

    const raw = async (body: string, contentType = 'application/json') =>
      app.request('/api/registrations', { method: 'POST', headers: { 'content-type': contentType }, body });

    const cases: [string, () => Promise<Response>, number, string[]][] = [
      ['not sent as JSON', () => raw(JSON.stringify(submission()), 'text/plain'), 415, []],
      ['a form post', () => raw('company=Spam', 'application/x-www-form-urlencoded'), 415, []],
      [
        'larger than 32 kB',
        () =>
          raw(JSON.stringify(submission({ company: { name: 'Big', about: 'x'.repeat(900) } })).repeat(40)),
        413,
        [],
      ],
      ['malformed JSON', () => raw('{"company": {"name": "Half'), 400, []],
      ['an empty body', () => raw(''), 400, []],
      ['not an object', () => raw('[1, 2, 3]'), 400, ['(root)']],
      ['missing fields', () => raw('{}'), 400, ['company', 'consent', 'contact', 'location', 'streams']],
      [
        'an invalid e-mail and CVR number',
        () =>
          raw(
            JSON.stringify(
              submission({
                company: { name: 'Spam ApS', cvr: '12' },
                contact: { name: 'Someone', email: 'nobody' },
              }),
            ),
          ),
        400,
        ['company.cvr', 'contact.email'],
      ],
      [
        'a field nobody asked for',
        () => raw(JSON.stringify({ ...submission(), status: 'accepted' })),
        400,
        ['(root)'],
      ],
      [
        'an unknown resource',
        () =>
          raw(JSON.stringify(submission({ streams: [{ direction: 'output', resourceId: 'plutonium' }] }))),
        400,
        ['streams.0.resourceId'],
      ],
      [
        'a figure in a unit its resource is not measured in',
        () =>
          raw(
            JSON.stringify(
              submission({
                streams: [
                  { direction: 'output', resourceId: 'surplus-heat', quantity: { value: 5, unit: 't/yr' } },
                ],
              }),
            ),
          ),
        400,
        ['streams.0.quantity.unit'],
      ],
      [
        'a site outside Denmark',
        () => raw(JSON.stringify(submission({ location: { lon: 13.4, lat: 52.52 } }))),
        400,
        ['location'],
      ],
      [
        'coordinates out of range',
        () => raw(JSON.stringify(submission({ location: { lon: 11.7, lat: 91 } }))),
        400,
        ['location.lat'],
      ],
      [
        'the honeypot filled in',
        () => raw(JSON.stringify(submission({ homepage: 'https://cheap-pills.example' }))),
        400,
        ['homepage'],
      ],
    ];

    it.each(cases)('%s', async (_name, request, status, paths) => {
      const response = await request();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: unknown; details?: { path: string }[] };
      expect(typeof body.error).toBe('string');
      if (paths.length > 0) {
        expect([...new Set((body.details ?? []).map((detail) => detail.path))].sort()).toEqual(paths);
        for (const path of paths) expect(body.error).toContain(path);
      }
      expect(await queue(app)).toEqual([]);
    });
  });

  it('lets one address send 5 a minute: then 429 with Retry-After, nothing stored, other addresses unaffected', async () => {
    const app = await registrationApp(5);
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
    const post = (address: string) =>
      app.request(
        '/api/registrations',
        { method: 'POST', headers: anonymousHeaders, body: JSON.stringify(submission()) },
        from(address),
      );
    for (let i = 0; i < 5; i++) expect((await post('198.51.100.7')).status).toBe(201);
    const refused = await post('198.51.100.7');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many registrations/);
    expect(await queue(app)).toHaveLength(5);
    expect((await post('203.0.113.9')).status).toBe(201);
  });
});

describe('the secretariat reviewing registrations', () => {
  let app: App;
  beforeAll(async () => {
    app = await registrationApp();
  });

  const staff = <T = Registration>(method: string, url: string, body?: unknown) =>
    send<T>(app, method, url, staffHeaders, body);

  it('is for staff only: anonymous callers are asked to sign in, partners refused', async () => {
    const partner = await issuePartnerToken(app, 'kalundborg-forsyning');
    expect((await send(app, 'GET', '/api/registrations', anonymousHeaders)).status).toBe(401);
    expect((await send(app, 'GET', '/api/registrations', partnerHeaders(partner.token))).status).toBe(403);
    const { reference } = (await submit(app, submission())).json;
    for (const [method, url, body] of [
      ['GET', `/api/registrations/${reference}`, undefined],
      ['PATCH', `/api/registrations/${reference}`, { company: { name: 'Taken over' } }],
      ['POST', `/api/registrations/${reference}/accept`, {}],
      ['POST', `/api/registrations/${reference}/decline`, { reason: 'Spam' }],
    ] as const) {
      expect((await send(app, method, url, anonymousHeaders, body)).status, `${method} ${url}`).toBe(401);
      expect((await send(app, method, url, partnerHeaders(partner.token), body)).status).toBe(403);
    }
    expect((await staff('GET', `/api/registrations/${reference}`)).json.status).toBe('pending');
  });

  it('lists newest first, by status, and answers 404 for a reference nobody was given', async () => {
    const first = (await submit(app, submission({ company: { name: 'First Registrant' } }))).json.reference;
    const second = (await submit(app, submission({ company: { name: 'Second Registrant' } }))).json.reference;
    const listed = (await queue(app, '?status=pending')).map((r) => r.reference);
    expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(first));
    expect(await queue(app, '?status=declined')).toEqual([]);
    expect((await staff('GET', '/api/registrations?status=lost')).status).toBe(400);
    expect((await staff('GET', '/api/registrations/SA-0000-0000')).status).toBe(404);
  });

  it('corrects a pending registration, part by part, and says who did', async () => {
    const { reference } = (await submit(app, submission())).json;
    const edited = await staff('PATCH', `/api/registrations/${reference}`, {
      company: { name: 'Holbæk Greenhouses A/S', cvr: '12345678' },
      location: { lon: 11.14, lat: 55.67 },
    });
    expect(edited.status).toBe(200);
    expect(edited.etag).toBe('"v2"');
    expect(edited.json.submission.company.name).toBe('Holbæk Greenhouses A/S');
    expect(edited.json.submission.contact.email).toBe(contactEmail);
    // The site moved to Kalundborg municipality.
    expect(edited.json.municipality).toBe('0326');
    expect(edited.json.edits).toEqual([
      { at: expect.any(String), actor: 'staff', fields: ['company', 'location'] },
    ]);
    const unknown = await staff('PATCH', `/api/registrations/${reference}`, {
      streams: [{ direction: 'output', resourceId: 'plutonium' }],
    });
    expect(unknown.status).toBe(400);
    const stale = await send(
      app,
      'PATCH',
      `/api/registrations/${reference}`,
      {
        ...staffHeaders,
        'if-match': '"v1"',
      },
      { consent: { shownTo: 'secretariat', exactQuantities: false } },
    );
    expect(stale.status).toBe(412);
  });

  it('accepts one as a new company with its streams, and the company has candidates at once', async () => {
    const { reference } = (await submit(app, submission({ company: { name: 'Tuse Greenhouses' } }))).json;
    const accepted = await staff('POST', `/api/registrations/${reference}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'accepted', companyId: 'tuse-greenhouses' });
    expect(accepted.json.decidedAt).not.toBeNull();

    const detail = await staff<{ company: CompanyFeature; candidates: CandidateExchange[] }>(
      'GET',
      '/api/companies/tuse-greenhouses',
    );
    expect(detail.status).toBe(200);
    const { properties } = detail.json.company;
    expect(properties).toMatchObject({
      role: 'registered-potential',
      visibility: 'public',
      municipality: '0316',
    });
    expect(properties.streams).toEqual([
      expect.objectContaining({
        id: accepted.json.streamIds[0],
        direction: 'input',
        resourceId: 'surplus-heat',
        verification: 'reported',
        quantity: { value: 4000, unit: 'MWh/yr', referenceYear: expect.any(Number) },
      }),
    ]);
    expect(JSON.stringify(detail.json)).not.toContain(contactEmail);
    expect(detail.json.candidates.length).toBeGreaterThan(0);
    expect(detail.json.candidates.every((c) => c.resourceId === 'surplus-heat')).toBe(true);
    // Shown as the company agreed: public, so the public map has it too.
    const publicMap = await send<MapCompany[]>(app, 'GET', '/api/map/companies', anonymousHeaders);
    expect(publicMap.json.map((company) => company.id)).toContain('tuse-greenhouses');

    // Decided once: accepting again or declining now is a conflict, and changes nothing.
    expect((await staff('POST', `/api/registrations/${reference}/accept`, {})).status).toBe(409);
    expect((await staff('POST', `/api/registrations/${reference}/decline`, { reason: 'No' })).status).toBe(
      409,
    );
    expect((await staff('PATCH', `/api/registrations/${reference}`, { company: { name: 'X' } })).status).toBe(
      409,
    );
    const companies = await send<MapCompany[]>(app, 'GET', '/api/map/companies', staffHeaders);
    expect(companies.json.filter((company) => company.name === 'Tuse Greenhouses')).toHaveLength(1);
  });

  it('merges one into an existing company: only the streams it does not have yet are added', async () => {
    const before = (await staff<{ company: CompanyFeature }>('GET', '/api/companies/kalundborg-forsyning'))
      .json;
    const has = before.company.properties.streams.find((stream) => stream.status === 'active');
    if (!has) throw new Error('the seed gives Kalundborg Forsyning a current stream');
    const { reference } = (
      await submit(
        app,
        submission({
          streams: [
            { direction: has.direction, resourceId: has.resourceId },
            { direction: 'output', resourceId: 'biogas' },
          ],
        }),
      )
    ).json;
    expect(
      (await staff('POST', `/api/registrations/${reference}/accept`, { into: 'no-such-company' })).status,
    ).toBe(404);
    const merged = await staff('POST', `/api/registrations/${reference}/accept`, {
      into: 'kalundborg-forsyning',
    });
    expect(merged.status).toBe(200);
    expect(merged.json.companyId).toBe('kalundborg-forsyning');
    const after = (await staff<{ company: CompanyFeature }>('GET', '/api/companies/kalundborg-forsyning'))
      .json;
    const added = after.company.properties.streams.filter(
      (stream) => !before.company.properties.streams.some((old) => old.id === stream.id),
    );
    expect(added.map((stream) => [stream.direction, stream.resourceId, stream.id])).toEqual([
      ['output', 'biogas', merged.json.streamIds[0]],
    ]);
    expect(after.company.properties.name).toBe(before.company.properties.name);
  });

  it('declines one with a reason, once', async () => {
    const { reference } = (await submit(app, submission())).json;
    expect((await staff('POST', `/api/registrations/${reference}/decline`, {})).status).toBe(400);
    expect((await staff('POST', `/api/registrations/${reference}/decline`, { reason: '  ' })).status).toBe(
      400,
    );
    const declined = await staff('POST', `/api/registrations/${reference}/decline`, {
      reason: 'Already registered as Holbæk Greenhouses.',
    });
    expect(declined.json).toMatchObject({
      status: 'declined',
      declineReason: 'Already registered as Holbæk Greenhouses.',
    });
    expect((await staff('POST', `/api/registrations/${reference}/accept`, {})).status).toBe(409);
    expect((await staff('POST', `/api/registrations/${reference}/decline`, { reason: 'Again' })).status).toBe(
      409,
    );
  });

  it('leaves every step in the audit log under the reference', async () => {
    const { reference } = (await submit(app, submission())).json;
    await staff('POST', `/api/registrations/${reference}/decline`, { reason: 'Test entry.' });
    // (The audit query's `entity` takes kebab-case ids, which a reference is not: the log is read whole.)
    const audit = await staff<{ action: string; entity: string; entityId: string; actor: string }[]>(
      'GET',
      '/api/audit?limit=1000',
    );
    const entries = audit.json.filter((entry) => entry.entityId === reference);
    expect(entries.map((entry) => [entry.action, entry.entity, entry.actor])).toEqual([
      ['update', 'registration', 'staff'],
      ['create', 'registration', 'public'],
    ]);
  });
});

/** Every read a visitor or a partner can make, and the secretariat's own routes they are refused. */
const readUrls = [
  '/api/session',
  '/api/resources',
  '/api/companies',
  '/api/map/companies',
  '/api/companies/kalundborg-forsyning',
  '/api/exchanges',
  '/api/candidates?limit=500',
  '/api/candidates?company=kalundborg-forsyning&limit=500',
  '/api/partners?lon=11.1&lat=55.67&radiusKm=100&limit=500',
  '/api/stats',
  '/api/impact-figures',
  '/api/export/companies.geojson',
  '/api/export/exchanges.csv',
  '/api/export/candidates.ndjson',
  '/api/openapi.json',
  '/api/registrations',
  '/api/registrations?status=pending',
  '/api/audit',
];

describe('nobody but the secretariat reads a registration', () => {
  let app: App;
  let partner: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    app = await registrationApp();
    partner = (await issuePartnerToken(app, 'novo-nordisk-kalundborg')).token;
    const pending = await submit(
      app,
      submission({
        company: { name: 'Quiet Registrant ApS', cvr: '87654321' },
        contact: {
          name: 'Hidden Person',
          email: 'hidden.contact@registrant.example',
          phone: '+45 99 88 77 66',
        },
      }),
    );
    const declined = await submit(
      app,
      submission({
        company: { name: 'Declined Registrant ApS' },
        contact: { name: 'Declined Person', email: 'declined.contact@registrant.example' },
      }),
    );
    await send(app, 'POST', `/api/registrations/${declined.json.reference}/decline`, staffHeaders, {
      reason: 'Not a company in the region.',
    });
    // Accepted with consent to show nothing: its company stays with the secretariat.
    const accepted = await submit(
      app,
      submission({
        company: { name: 'Private Registrant ApS' },
        contact: { name: 'Private Person', email: 'private.contact@registrant.example' },
        consent: { shownTo: 'secretariat', exactQuantities: false },
      }),
    );
    await send(app, 'POST', `/api/registrations/${accepted.json.reference}/accept`, staffHeaders, {});
    // Accepted as public: the company is shown, its contact and reference never.
    const shown = await submit(
      app,
      submission({
        company: { name: 'Shown Registrant ApS' },
        contact: { name: 'Shown Person', email: 'shown.contact@registrant.example' },
      }),
    );
    await send(app, 'POST', `/api/registrations/${shown.json.reference}/accept`, staffHeaders, {});
    secrets.push(
      ...[pending, declined, accepted, shown].map((answer) => answer.json.reference),
      'Quiet Registrant',
      'hidden.contact@registrant.example',
      '87654321',
      '99 88 77 66',
      'Declined Registrant',
      'declined.contact@registrant.example',
      'Not a company in the region',
      'Private Registrant',
      'private.contact@registrant.example',
      'shown.contact@registrant.example',
      'Shown Person',
    );
  });

  it('uses markers staff do see, so that their absence below means something', async () => {
    const everything = [
      (await send(app, 'GET', '/api/registrations', staffHeaders)).text,
      (await send(app, 'GET', '/api/audit?limit=1000', staffHeaders)).text,
    ].join('\n');
    for (const secret of secrets) expect(everything, secret).toContain(secret);
  });

  it('shows a company accepted as public, so the checks below cover an accepted registration too', async () => {
    const map = await send<MapCompany[]>(app, 'GET', '/api/map/companies', anonymousHeaders);
    expect(map.json.map((company) => company.name)).toContain('Shown Registrant ApS');
  });

  it.each(readUrls)(
    'GET %s, anonymous: no reference, name of a pending registration or contact',
    async (url) => {
      const answer = await send(app, 'GET', url, anonymousHeaders);
      expect(answer.status, url).toBe(
        url.startsWith('/api/registrations') || url === '/api/audit' ? 401 : 200,
      );
      for (const secret of secrets) expect(answer.text, secret).not.toContain(secret);
    },
  );

  it.each(readUrls)(
    'GET %s, partner: no reference, name of a pending registration or contact',
    async (url) => {
      const answer = await send(app, 'GET', url, partnerHeaders(partner));
      expect(answer.status, url).toBe(
        url.startsWith('/api/registrations') || url === '/api/audit' ? 403 : 200,
      );
      for (const secret of secrets) expect(answer.text, secret).not.toContain(secret);
    },
  );
});
