import { beforeEach, describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../domain/schema.ts';
import {
  anonymousHeaders,
  issuePartnerToken,
  partnerHeaders,
  send,
  staffHeaders,
  testApp,
} from '../testing.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

const heat = '/api/streams/kalundborg-forsyning-in-surplus-heat';

describe('who owns a published figure', () => {
  let app: App;
  let partner: Record<string, string>;

  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    send<StreamRecord & { error?: string }>(app, method, url, headers, body);
  const publicStream = async () => (await call('GET', heat, anonymousHeaders)).json;

  beforeEach(async () => {
    ({ app } = await testApp());
    partner = partnerHeaders((await issuePartnerToken(app, 'kalundborg-forsyning')).token);
  });

  it('a partner’s change to a verified figure is shown as reported by the company', async () => {
    expect(await publicStream()).toMatchObject({ visibility: 'public', verification: 'verified' });
    const changed = await call('PATCH', heat, partner, {
      quantity: { value: 95000, unit: 'MWh/yr', referenceYear: 2025 },
      source: ['Our own meter readings, 2025'],
    });
    expect(changed.status).toBe(200);
    expect(await publicStream()).toMatchObject({
      quantity: { value: 95000 },
      source: ['Our own meter readings, 2025'],
      verification: 'reported',
    });
    // Until staff confirm it.
    expect((await call('PATCH', heat, staffHeaders, { verification: 'verified' })).status).toBe(200);
    expect(await publicStream()).toMatchObject({ quantity: { value: 95000 }, verification: 'verified' });
  });

  it('a partner’s change of wording only leaves the figure’s verification as it was', async () => {
    const changed = await call('PATCH', heat, partner, {
      availability: { da: 'Hele året.', en: 'All year round.' },
    });
    expect(changed.status).toBe(200);
    expect(await publicStream()).toMatchObject({ verification: 'verified' });
  });

  it('a partner can never change what resource a stream is', async () => {
    const moved = await call('PATCH', heat, partner, {
      resourceId: 'steam',
      quantity: { value: 95000, unit: 'MWh/yr' },
    });
    expect(moved.status).toBe(403);
    expect(moved.json.error).toContain('resource');
    expect(await publicStream()).toMatchObject({ resourceId: 'surplus-heat', quantity: { value: 80000 } });
  });

  it('refuses a figure in a unit its resource is not measured in, and converts nothing silently', async () => {
    for (const headers of [partner, staffHeaders]) {
      const wrong = await call('PATCH', heat, headers, { quantity: { value: 5, unit: 'm3/yr' } });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error).toContain('MWh/yr');
    }
    const created = await call('POST', '/api/companies/kalundborg-forsyning/streams', partner, {
      direction: 'output',
      resourceId: 'fgd-gypsum',
      quantity: { value: 10, unit: 'MWh/yr' },
    });
    expect(created.status).toBe(400);
    expect((await call('PATCH', heat, partner, { quantity: { value: 300000, unit: 'GJ/yr' } })).status).toBe(
      200,
    );
    expect(await publicStream()).toMatchObject({ quantity: { value: 300000, unit: 'GJ/yr' } });
  });
});
