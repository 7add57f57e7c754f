import { describe, expect, it } from 'vitest';
import { AtlasService } from './atlas-service.ts';
import { type Caller, staffCaller } from './auth.ts';
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

  it('rebuilds views at a steady pace during a burst of writes, and shows each writer its own writes', async () => {
    let now = 0;
    const store = (await testService()).store;
    const service = new AtlasService(store, () => 2026, { maxLagMs: 1000, now: () => now });
    const publicCaller = { level: 'secretariat', actor: null, companyId: null } as const;
    const nameOfFors = async (caller: Caller = publicCaller) =>
      (await service.viewFor(caller)).companies.find((c) => c.properties.id === 'fors')?.properties.name;
    const rename = async (name: string, actor = 'partner:elsewhere') => {
      await store.updateCompany(
        'fors',
        (fors) => ({ ...fors, properties: { ...fors.properties, name } }),
        'staff',
      );
      service.wrote(actor);
    };
    const original = await nameOfFors();

    // One write: the very next read sees it.
    now += 10;
    await rename('Fors, one write');
    expect(await nameOfFors()).toBe('Fors, one write');

    // A burst: others read what was built up to a second ago; the writer itself reads its own change.
    for (let i = 0; i < 25; i++) await rename(`Fors, burst ${i}`, 'staff');
    now += 500;
    expect(await nameOfFors()).toBe('Fors, one write');
    expect(await nameOfFors(staffCaller)).toBe('Fors, burst 24');
    await rename('Fors, after the writer read');
    now += 100;
    expect(await nameOfFors()).toBe('Fors, burst 24');
    now += 1000;
    expect(await nameOfFors()).toBe('Fors, after the writer read');
    // Writes check against the current data, never a lagging view.
    await rename('Fors, latest');
    expect(
      (await service.snapshot()).companies.find((c) => c.properties.id === 'fors')?.properties.name,
    ).toBe('Fors, latest');
    expect(original).not.toBe('Fors, latest');
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
