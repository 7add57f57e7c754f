import { describe, expect, it } from 'vitest';
import { QuantitySchema } from './common.ts';
import type { Stream } from './company.ts';
import type { Exchange } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import { coarsenQuantity, quantityBand } from './quantity-bands.ts';
import { testCompany, testStream } from './testing/records.ts';
import { exactQuantityVisibility, partnerVisibilityProblem } from './visibility.ts';
import { type DatasetView, visibleTo } from './visible-dataset.ts';

describe('quantityBand', () => {
  it.each([
    [0, 0, 1],
    [0.4, 0, 1],
    [1, 1, 2],
    [7, 5, 10],
    [80, 50, 100],
    [999, 500, 1000],
    [1000, 1000, 2000],
    [8000, 5000, 10000],
    [187654, 100000, 200000],
    [200000, 200000, 500000],
    [499999.9, 200000, 500000],
    [6_000_000, 5_000_000, 10_000_000],
  ])('puts %d in %d–%d', (value, min, max) => {
    expect(quantityBand(value)).toEqual({ min, max });
  });

  it('gives every power of ten its own band start, whatever log10 rounds to', () => {
    for (let exponent = 0; exponent <= 15; exponent++) {
      const value = 10 ** exponent;
      expect(quantityBand(value).min, String(value)).toBe(value);
      expect(quantityBand(value * 2).min, String(value * 2)).toBe(value * 2);
      expect(quantityBand(value * 5).min, String(value * 5)).toBe(value * 5);
    }
  });

  it('refuses what is not a quantity', () => {
    expect(() => quantityBand(-1)).toThrow(RangeError);
    expect(() => quantityBand(Number.NaN)).toThrow(RangeError);
  });
});

describe('coarsenQuantity', () => {
  it('keeps unit and reference year, drops the figure, the note and "approximate"', () => {
    const coarse = coarsenQuantity({
      value: 8000,
      unit: 't/yr',
      approximate: true,
      referenceYear: 2018,
      note: 'about 7,000 t plus 1,000 t',
    });
    expect(coarse).toEqual({
      value: null,
      unit: 't/yr',
      band: { min: 5000, max: 10000 },
      referenceYear: 2018,
    });
    expect(QuantitySchema.safeParse(coarse).success).toBe(true);
  });

  it('keeps an unknown unknown, without its note', () => {
    expect(
      coarsenQuantity({ value: null, unit: 'MWh/yr', note: 'the system could heat 40,000 homes' }),
    ).toEqual({
      value: null,
      unit: 'MWh/yr',
    });
  });

  it('is a schema-valid quantity that older files never needed', () => {
    expect(QuantitySchema.safeParse({ value: null, unit: 't/yr', band: { min: 5, max: 2 } }).success).toBe(
      false,
    );
    expect(QuantitySchema.safeParse({ value: 3, unit: 't/yr', band: { min: 2, max: 5 } }).success).toBe(
      false,
    );
  });
});

describe('who sees exact quantities', () => {
  it('narrows the record’s own visibility, never widens it', () => {
    expect(exactQuantityVisibility({ visibility: 'public' })).toBe('public');
    expect(exactQuantityVisibility({ visibility: 'public', quantityVisibility: 'partners' })).toBe(
      'partners',
    );
    expect(exactQuantityVisibility({ visibility: 'secretariat', quantityVisibility: 'public' })).toBe(
      'secretariat',
    );
  });

  it('lets a partner share with partners and hide, but not publish', () => {
    expect(partnerVisibilityProblem(null, { visibility: 'partners' })).toBeNull();
    expect(partnerVisibilityProblem(null, { visibility: 'public' })).toMatch(/secretariat/);
    expect(partnerVisibilityProblem({ visibility: 'secretariat' }, { visibility: 'partners' })).toBeNull();
    expect(partnerVisibilityProblem({ visibility: 'public' }, { visibility: 'public' })).toBeNull();
    expect(
      partnerVisibilityProblem(
        { visibility: 'public', quantityVisibility: 'partners' },
        { visibility: 'public', quantityVisibility: 'public' },
      ),
    ).toMatch(/exact quantity/);
    expect(
      partnerVisibilityProblem(
        { visibility: 'public' },
        { visibility: 'public', quantityVisibility: 'secretariat' },
      ),
    ).toBeNull();
  });
});

const stream = (id: string, value: number, quantityVisibility?: 'partners' | 'secretariat'): Stream =>
  testStream(id, {
    quantity: { value, unit: 'MWh/yr', note: `${value} MWh/yr` },
    ...(quantityVisibility ? { quantityVisibility } : {}),
  });
const company = (id: string, visibility: 'public' | 'secretariat', streams: Stream[]) =>
  testCompany(id, { visibility, streams }, [11, 55.6]);

const data: DatasetView = {
  resources: [],
  companies: [
    company('power-station', 'public', [stream('ps-open', 1234), stream('ps-partners', 187654, 'partners')]),
    company('quiet-startup', 'secretariat', [stream('qs-heat', 4321, 'secretariat')]),
  ],
  exchanges: [
    {
      id: 'steam-flow',
      from: 'power-station',
      to: 'power-station',
      visibility: 'public',
      quantityVisibility: 'secretariat',
      quantity: { value: 73000, unit: 'MWh/yr' },
      impact: [{ metric: 'co2', value: 21000 }],
    } as unknown as Exchange,
  ],
  impactFigures: [
    { id: 'figure', visibility: 'public', companyIds: ['power-station', 'quiet-startup'] } as ImpactFigure,
  ],
};

describe('visibleTo and quantities', () => {
  it('gives each level the exact figures it is cleared for and bands below that', () => {
    const streamsOf = (view: DatasetView) => view.companies[0]?.properties.streams.map((s) => s.quantity);
    expect(streamsOf(visibleTo('public', data))).toEqual([
      { value: 1234, unit: 'MWh/yr', note: '1234 MWh/yr' },
      { value: null, unit: 'MWh/yr', band: { min: 100000, max: 200000 } },
    ]);
    expect(streamsOf(visibleTo('partners', data))?.[1]).toMatchObject({ value: 187654 });
    const exchange = visibleTo('partners', data).exchanges[0];
    expect(exchange?.quantity).toEqual({ value: null, unit: 'MWh/yr', band: { min: 50000, max: 100000 } });
    expect(exchange?.impact).toEqual([]);
    expect(visibleTo('secretariat', data).exchanges[0]?.quantity.value).toBe(73000);
  });

  it('names only visible companies in an impact figure', () => {
    expect(visibleTo('public', data).impactFigures[0]?.companyIds).toEqual(['power-station']);
    expect(visibleTo('secretariat', data).impactFigures[0]?.companyIds).toEqual([
      'power-station',
      'quiet-startup',
    ]);
  });

  it('shows a partner its own company in full, and nobody else’s hidden records', () => {
    const own = visibleTo('partners', data, { ownCompanyId: 'quiet-startup' });
    expect(own.companies.map((c) => c.properties.id)).toEqual(['power-station', 'quiet-startup']);
    expect(own.companies[1]?.properties.streams[0]?.quantity.value).toBe(4321);
    expect(visibleTo('partners', data, { ownCompanyId: 'power-station' }).companies).toHaveLength(1);
  });
});
