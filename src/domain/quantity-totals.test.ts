import { describe, expect, it } from 'vitest';
import { summariseQuantities } from './quantity-totals.ts';

describe('quantity totals', () => {
  it('never add figures of different units or different reference years', () => {
    const { totals, unknown } = summariseQuantities([
      { value: 100, unit: 't/yr', referenceYear: 2018 },
      { value: 20, unit: 't/yr', referenceYear: 2018 },
      { value: 5, unit: 't/yr', referenceYear: 1995 },
      { value: 7, unit: 't/yr' },
      { value: 3, unit: 'm3/yr', referenceYear: 2018 },
    ]);
    expect(totals).toEqual([
      { unit: 'm3/yr', referenceYear: 2018, value: 3, flows: 1 },
      { unit: 't/yr', referenceYear: 1995, value: 5, flows: 1 },
      { unit: 't/yr', referenceYear: 2018, value: 120, flows: 2 },
      { unit: 't/yr', referenceYear: null, value: 7, flows: 1 },
    ]);
    expect(unknown).toBe(0);
  });

  it('count unknown and ranged quantities apart, adding neither', () => {
    const { totals, unknown, ranged } = summariseQuantities([
      { value: null, unit: 't/yr' },
      { value: null, unit: 't/yr', band: { min: 100, max: 200 } },
    ]);
    expect(totals).toEqual([]);
    expect(unknown).toBe(1);
    expect(ranged).toBe(1);
  });
});
