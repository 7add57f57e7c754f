import { describe, expect, it } from 'vitest';
import type { CompanyFeature } from './company.ts';
import type { Exchange } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import { AtlasStatsSchema, computeStats, type YearStats } from './stats.ts';
import { testExchange } from './testing/records.ts';

function exchange(fields: Partial<Exchange>): Exchange {
  return testExchange('x', { from: 'a', to: 'b', ...fields });
}

const partner = (id: string, since: number | null, until: number | null = null) =>
  ({
    properties: {
      id,
      role: since === null ? 'registered-potential' : 'partner',
      partnerSince: since,
      partnerUntil: until,
    },
  }) as unknown as CompanyFeature;

const figure = (id: string, year: number, value: number, unit = 't/yr'): ImpactFigure => ({
  id,
  metric: 'co2',
  label: { da: 'Undgået CO₂', en: 'CO₂ avoided' },
  value,
  unit,
  year,
  scope: { da: 'Symbiosen', en: 'The symbiosis' },
  headline: true,
  method: 'as published',
  source: [`https://example.org/${id}`],
  verification: 'verified',
  visibility: 'public',
});

/** Every number in a year's computed counts (published figures are as published, checked apart). */
function computedNumbers(entry: YearStats): number[] {
  const { publishedFigures: _published, year: _year, ...counts } = entry;
  const numbers: number[] = [];
  const walk = (value: unknown, key: string) => {
    if (key === 'referenceYears') return;
    if (typeof value === 'number') numbers.push(value);
    else if (Array.isArray(value)) for (const item of value) walk(item, '');
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(counts, '');
  return numbers;
}

/** All sums of two or more of the values: what a counter adding them up would show. */
function sumsOf(values: readonly number[]): Set<number> {
  const sums = new Set<number>();
  for (let mask = 1; mask < 1 << values.length; mask++) {
    const members = values.filter((_, i) => mask & (1 << i));
    if (members.length > 1) sums.add(members.reduce((a, b) => a + b, 0));
  }
  return sums;
}

describe('the counters per year', () => {
  it('count partners in the years their membership covers, from partnerSince to partnerUntil', () => {
    const stats = computeStats(
      [
        partner('refinery', 1961),
        partner('gyproc', 1972, 2024),
        partner('inbicon', 2009, 2014),
        partner('potential', null),
      ],
      [exchange({ startYear: 1961 })],
      [],
      2026,
    );
    const partnersIn = (year: number) => stats.byYear.find((y) => y.year === year)?.partners;
    expect(partnersIn(1961)).toBe(1);
    expect(partnersIn(1972)).toBe(2);
    expect(partnersIn(2010)).toBe(3);
    expect(partnersIn(2014)).toBe(3);
    expect(partnersIn(2015)).toBe(2);
    expect(partnersIn(2025)).toBe(1);
  });

  it('count a historic exchange without end year up to its last-seen year, and as ended, year unknown after', () => {
    const stats = computeStats(
      [],
      [
        exchange({ id: 'steam', startYear: 1982 }),
        exchange({ id: 'fish-farm', status: 'historic', startYear: 1989, endYear: null, lastSeenYear: 2018 }),
      ],
      [],
      2026,
    );
    const year = (y: number) => stats.byYear.find((entry) => entry.year === y);
    expect(year(1988)).toMatchObject({ activeExchanges: 1, endedYearUnknown: 0 });
    expect(year(1989)).toMatchObject({ activeExchanges: 2, endedYearUnknown: 0 });
    expect(year(2018)).toMatchObject({ activeExchanges: 2, endedYearUnknown: 0 });
    expect(year(2019)).toMatchObject({ activeExchanges: 1, endedYearUnknown: 1 });
    expect(year(2026)).toMatchObject({ activeExchanges: 1, endedYearUnknown: 1 });
  });

  it('never add quantities across units, years or sources: they count the exchanges with a figure per unit', () => {
    const values = [135000, 150000, 27000, 5400, 700000];
    const exchanges = [
      exchange({
        id: 'fly-ash',
        quantity: { value: values[0] ?? 0, unit: 't/yr', referenceYear: 1995 },
        source: ['a'],
      }),
      exchange({
        id: 'gypsum',
        quantity: { value: values[1] ?? 0, unit: 't/yr', referenceYear: 2010 },
        source: ['b'],
      }),
      exchange({ id: 'fertiliser', quantity: { value: values[2] ?? 0, unit: 't/yr' }, source: ['c'] }),
      exchange({ id: 'bioethanol', quantity: { value: values[3] ?? 0, unit: 'm3/yr', referenceYear: 2009 } }),
      exchange({
        id: 'cooling-water',
        quantity: { value: values[4] ?? 0, unit: 'm3/yr', referenceYear: 2009 },
      }),
      exchange({ id: 'sludge', quantity: { value: null, unit: 't/yr', band: { min: 10000, max: 20000 } } }),
      exchange({ id: 'steam', quantity: { value: null, unit: 'MWh/yr' } }),
    ];
    const stats = computeStats([], exchanges, [figure('co2-2010', 2010, 275000)], 2010);
    const entry = stats.byYear.find((y) => y.year === 2010);
    expect(entry?.quantified).toEqual([
      {
        unit: 't/yr',
        exchanges: 4,
        ranges: 1,
        referenceYears: [1995, 2010],
        undated: 2,
        exchangeIds: ['fertiliser', 'fly-ash', 'gypsum', 'sludge'],
      },
      {
        unit: 'm3/yr',
        exchanges: 2,
        ranges: 0,
        referenceYears: [2009],
        undated: 0,
        exchangeIds: ['bioethanol', 'cooling-water'],
      },
    ]);
    expect(entry?.exchangesWithUnknownQuantity).toBe(1);

    const forbidden = new Set([...values, ...sumsOf(values), 275000]);
    for (const year of stats.byYear) {
      for (const number of computedNumbers(year)) expect(forbidden.has(number), String(number)).toBe(false);
    }
  });

  it('give published headline figures as published, in their own year, never combined', () => {
    const published = [figure('co2-2010', 2010, 275000), figure('co2-2018', 2018, 635000)];
    const stats = computeStats([], [exchange({ startYear: 2000 })], published, 2026);
    expect(stats.byYear.find((y) => y.year === 2010)?.publishedFigures).toEqual([published[0]]);
    expect(stats.byYear.find((y) => y.year === 2018)?.publishedFigures).toEqual([published[1]]);
    expect(stats.byYear.find((y) => y.year === 2011)?.publishedFigures).toEqual([]);
    expect(stats.latestHeadlineFigures).toEqual([published[1]]);
  });

  it('match the documented response schema', () => {
    const stats = computeStats([partner('a', 1990)], [exchange({})], [figure('f', 1995, 1)], 2000);
    expect(AtlasStatsSchema.parse(stats)).toEqual(stats);
  });
});
