import { describe, expect, it } from 'vitest';
import type { CompanyFeature } from './company.ts';
import type { Exchange } from './exchange.ts';
import { computeStats } from './stats.ts';
import { firstExchangeYear, isActiveIn, isPartnerIn } from './timeline.ts';

function exchange(fields: Partial<Exchange>): Exchange {
  return {
    id: 'x',
    from: 'a',
    to: 'b',
    resourceId: 'steam',
    status: 'existing',
    startYear: 1982,
    endYear: null,
    quantity: { value: null, unit: 'MWh/yr' },
    impact: [],
    source: ['test'],
    verification: 'verified',
    visibility: 'public',
    ...fields,
  };
}

describe('which exchanges flowed in a year', () => {
  it('counts an existing exchange from its start year until today', () => {
    expect(isActiveIn(exchange({}), 1981)).toBe(false);
    expect(isActiveIn(exchange({}), 1982)).toBe(true);
    expect(isActiveIn(exchange({}), 2026)).toBe(true);
  });

  it('counts a historic exchange up to and including its end year', () => {
    const gypsum = exchange({ status: 'historic', startYear: 1993, endYear: 2019 });
    expect(isActiveIn(gypsum, 2019)).toBe(true);
    expect(isActiveIn(gypsum, 2020)).toBe(false);
  });

  it('counts a historic exchange with no recorded end only in its start year', () => {
    const fishFarm = exchange({ status: 'historic', startYear: 1989, endYear: null });
    expect(isActiveIn(fishFarm, 1989)).toBe(true);
    expect(isActiveIn(fishFarm, 1990)).toBe(false);
  });

  it('never counts candidates, proposals or exchanges of unknown start', () => {
    expect(isActiveIn(exchange({ status: 'candidate' }), 2026)).toBe(false);
    expect(isActiveIn(exchange({ status: 'proposed' }), 2026)).toBe(false);
    expect(isActiveIn(exchange({ startYear: null }), 2026)).toBe(false);
  });

  it('starts the timeline at the first exchange that flowed', () => {
    expect(firstExchangeYear([exchange({ startYear: 1972 }), exchange({ startYear: 1961 })])).toBe(1961);
    expect(firstExchangeYear([exchange({ status: 'candidate', startYear: 1950 })])).toBeNull();
  });
});

describe('the numbers per year', () => {
  const partner = (id: string, since: number | null, until: number | null = null) =>
    ({
      properties: { id, role: 'partner', partnerSince: since, partnerUntil: until },
    }) as unknown as CompanyFeature;

  it('counts partners in the years they took part', () => {
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 2024)).toBe(true);
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 2025)).toBe(false);
    expect(isPartnerIn({ partnerSince: null, partnerUntil: null }, 2025)).toBe(false);
  });

  it('adds known quantities of one year within one unit and keeps unknown ones apart', () => {
    const stats = computeStats(
      [partner('a', 1961), partner('b', 1982)],
      [
        exchange({ id: '1', startYear: 1990, quantity: { value: 700000, unit: 'm3/yr' } }),
        exchange({ id: '2', startYear: 1990, quantity: { value: 300000, unit: 'm3/yr' } }),
        exchange({ id: '3', startYear: 1990, quantity: { value: null, unit: 't/yr' } }),
      ],
      [],
      1991,
    );
    expect(stats.byYear.map((y) => y.year)).toEqual([1990, 1991]);
    expect(stats.byYear[0]).toMatchObject({
      partners: 2,
      activeExchanges: 3,
      sourcedQuantities: { 'm3/yr': 1000000 },
      exchangesWithUnknownQuantity: 1,
    });
  });
});
