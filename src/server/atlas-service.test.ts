import { describe, expect, it } from 'vitest';
import { staffCaller } from './auth.ts';
import { PreparedBody } from './prepared-body.ts';
import { testService } from './testing.ts';

describe('the read service', () => {
  it('makes a body once per data version and caller level, and again after a write', async () => {
    const service = await testService();
    let made = 0;
    const make = () => {
      made++;
      return PreparedBody.json({ made }, 'secretariat');
    };
    const first = await service.preparedBody(staffCaller, 'probe', make);
    expect(await service.preparedBody(staffCaller, 'probe', make)).toBe(first);
    expect(made).toBe(1);
    const snapshot = await service.snapshot();
    const fors = snapshot.companies.find((company) => company.properties.id === 'fors');
    if (!fors) throw new Error('fors is in the seed');
    const { streams: _streams, ...properties } = fors.properties;
    await service.store.updateCompany(
      'fors',
      () => ({ properties: { ...properties, name: 'Fors A/S' }, location: { lon: 11.71, lat: 55.72 } }),
      'staff',
    );
    expect(await service.preparedBody(staffCaller, 'probe', make)).not.toBe(first);
    expect(made).toBe(2);
  });

  it('keeps the views of the most recent partners only', async () => {
    const service = await testService();
    const ids = (await service.snapshot()).companies.map((company) => company.properties.id);
    const first = await service.view('partners', ids[0]);
    expect(await service.view('partners', ids[0])).toBe(first);
    for (const id of ids.slice(1, 17)) await service.view('partners', id);
    // Sixteen others came since: the first is made again when it comes back.
    const again = await service.view('partners', ids[0]);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
