import { beforeEach, describe, expect, it } from 'vitest';
import type { CompanyFeature, Exchange } from '../../domain/schema.ts';
import {
  anonymousHeaders,
  issuePartnerToken,
  partnerHeaders,
  send,
  staffHeaders,
  testApp,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** What a browser adds by itself to a same-origin PATCH or DELETE (Node's fetch sends the second only). */
const browser = { origin: 'http://localhost:8080', 'sec-fetch-mode': 'cors' };

describe('two editors at once', () => {
  let app: App;

  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    send(app, method, url, headers, body);
  const fors = async () =>
    ((await call('GET', '/api/companies/fors', staffHeaders)).json.company as CompanyFeature).properties;

  beforeEach(async () => {
    ({ app } = await testApp());
  });

  it('keeps both changes when two writers change different fields of one company at once', async () => {
    for (let round = 0; round < 10; round++) {
      const [name, notes] = await Promise.all([
        call('PATCH', '/api/companies/fors', staffHeaders, { name: `Fors ${round}` }),
        call('PATCH', '/api/companies/fors', staffHeaders, { notes: `Round ${round}` }),
      ]);
      expect([name.status, notes.status]).toEqual([200, 200]);
      expect(await fors()).toMatchObject({ name: `Fors ${round}`, notes: `Round ${round}` });
    }
  });

  it('sends each record’s version as an ETag to those who may change it, and to nobody else', async () => {
    const detail = await call('GET', '/api/companies/fors', staffHeaders);
    expect(detail.etag).toMatch(/^"v\d+"$/);
    expect((await call('GET', '/api/exchanges/asnaes-steam-to-novo-nordisk', staffHeaders)).etag).toMatch(
      /^"v\d+"$/,
    );
    expect((await call('GET', '/api/streams/fors-in-surplus-heat', staffHeaders)).etag).toMatch(/^"v\d+"$/);
    const partner = partnerHeaders((await issuePartnerToken(app, 'fors')).token);
    expect((await call('GET', '/api/streams/fors-in-surplus-heat', partner)).etag).toMatch(/^"v\d+"$/);
    expect((await call('GET', '/api/companies/fors', anonymousHeaders)).etag).toBeNull();
    expect((await call('GET', '/api/streams/fors-in-surplus-heat', anonymousHeaders)).etag).toBeNull();
  });

  it('answers an edit of a record changed since it was read with 412, and changes nothing', async () => {
    const read = await call('GET', '/api/exchanges/asnaes-steam-to-novo-nordisk', staffHeaders);
    const etag = read.etag ?? '';
    const first = await call(
      'PATCH',
      '/api/exchanges/asnaes-steam-to-novo-nordisk',
      { ...staffHeaders, 'if-match': etag },
      {
        notes: 'Checked by the first editor.',
      },
    );
    expect(first.status).toBe(200);
    expect(first.etag).not.toBe(etag);
    const second = await call(
      'PATCH',
      '/api/exchanges/asnaes-steam-to-novo-nordisk',
      { ...staffHeaders, 'if-match': etag },
      {
        notes: 'The second editor never saw the first one’s note.',
      },
    );
    expect(second.status).toBe(412);
    expect(second.json.error).toContain('changed by someone else');
    expect(second.etag).toBe(first.etag);
    const now = (await call('GET', '/api/exchanges/asnaes-steam-to-novo-nordisk', staffHeaders))
      .json as Exchange;
    expect(now.notes).toBe('Checked by the first editor.');
    // Overwriting is a choice made knowingly: with the current ETag.
    const overwrite = await call(
      'PATCH',
      '/api/exchanges/asnaes-steam-to-novo-nordisk',
      { ...staffHeaders, 'if-match': second.etag ?? '' },
      { notes: 'The second editor, having seen the first note.' },
    );
    expect(overwrite.status).toBe(200);
    const stale = await call('DELETE', '/api/streams/fors-in-surplus-heat', {
      ...staffHeaders,
      'if-match': '"v999"',
    });
    expect(stale.status).toBe(412);
    expect((await call('GET', '/api/streams/fors-in-surplus-heat', staffHeaders)).status).toBe(200);
  });

  it('requires If-Match of an edit sent from a browser, and not of a script’s', async () => {
    const fromBrowser = await call(
      'PATCH',
      '/api/companies/fors',
      { ...staffHeaders, ...browser },
      { name: 'Fors' },
    );
    expect(fromBrowser.status).toBe(428);
    expect(fromBrowser.json.error).toContain('If-Match');
    const deleteFromBrowser = await call('DELETE', '/api/streams/fors-in-surplus-heat', {
      ...staffHeaders,
      ...browser,
    });
    expect(deleteFromBrowser.status).toBe(428);
    const etag = (await call('GET', '/api/companies/fors', staffHeaders)).etag ?? '';
    const withVersion = await call(
      'PATCH',
      '/api/companies/fors',
      { ...staffHeaders, ...browser, 'if-match': etag },
      { name: 'Fors A/S' },
    );
    expect(withVersion.status).toBe(200);
    expect((await call('PATCH', '/api/companies/fors', staffHeaders, { name: 'Fors' })).status).toBe(200);
  });
});
