import type { Quantity } from './common.ts';

/** A sum of known quantities that share one unit and one reference year (or all lack a year). */
export interface QuantityTotal {
  unit: string;
  /** The year the summed figures refer to; null = figures without a stated year, never mixed with dated ones. */
  referenceYear: number | null;
  value: number;
  /** How many flows the sum covers. */
  flows: number;
}

export interface QuantitySummary {
  totals: QuantityTotal[];
  /** Flows whose quantity is not published: counted, never taken as zero. */
  unknown: number;
  /** Flows whose quantity is known only as a range (as published, or as this caller may see it): never added. */
  ranged: number;
}

function yearOf(quantity: Quantity): number | null {
  return 'referenceYear' in quantity && quantity.referenceYear !== undefined ? quantity.referenceYear : null;
}

/**
 * Adds up quantities only where adding means something: within one unit and one reference year. Tonnes of
 * 1995 and tonnes of 2018 stay two figures, as do m³ and t. Ordered by unit, then year (undated last), so
 * the same flows always read the same way.
 */
export function summariseQuantities(quantities: readonly Quantity[]): QuantitySummary {
  const byBasis = new Map<string, QuantityTotal>();
  let unknown = 0;
  let ranged = 0;
  for (const quantity of quantities) {
    if (quantity.value === null) {
      if ('band' in quantity) ranged++;
      else unknown++;
      continue;
    }
    const referenceYear = yearOf(quantity);
    const key = `${quantity.unit}|${referenceYear ?? ''}`;
    const total = byBasis.get(key) ?? { unit: quantity.unit, referenceYear, value: 0, flows: 0 };
    total.value += quantity.value;
    total.flows++;
    byBasis.set(key, total);
  }
  const totals = [...byBasis.values()].sort(
    (a, b) =>
      a.unit.localeCompare(b.unit) ||
      (a.referenceYear ?? Number.POSITIVE_INFINITY) - (b.referenceYear ?? Number.POSITIVE_INFINITY),
  );
  return { totals, unknown, ranged };
}
