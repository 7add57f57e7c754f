import type { BandedQuantity, Quantity, QuantityBand, UnknownQuantity } from './common.ts';

/**
 * The 1–2–5 decade band a value lies in, min ≤ value < max: …, 100–200, 200–500, 500–1,000, 1,000–2,000, …
 * (187,654 → 100,000–200,000; 200,000 → 200,000–500,000). Everything below 1 is 0–1. Bands are fixed, so a
 * band says the same for every value in it and nothing more; they never overlap, so two bands of one record
 * at two levels cannot be combined into a narrower one.
 */
export function quantityBand(value: number): QuantityBand {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`a band needs a finite value ≥ 0, got ${value}`);
  }
  if (value < 1) return { min: 0, max: 1 };
  let decade = 10 ** Math.floor(Math.log10(value));
  // log10 is not exact near powers of ten (log10(1000) may come out just below 3): correct by one step.
  if (decade * 10 <= value) decade *= 10;
  if (decade > value) decade /= 10;
  const leading = value / decade;
  if (leading < 2) return { min: decade, max: 2 * decade };
  if (leading < 5) return { min: 2 * decade, max: 5 * decade };
  return { min: 5 * decade, max: 10 * decade };
}

/**
 * What a caller not cleared for the exact figure gets instead: a known value becomes its band, an unknown
 * stays unknown. The note and `approximate` are dropped, since notes often repeat the figure
 * ("about 7,000 t from the three municipalities…"); the unit and reference year stay.
 */
export function coarsenQuantity(quantity: Quantity): BandedQuantity | UnknownQuantity {
  if (quantity.value !== null) {
    return dated({ value: null, unit: quantity.unit, band: quantityBand(quantity.value) }, quantity);
  }
  if ('band' in quantity) return dated({ value: null, unit: quantity.unit, band: quantity.band }, quantity);
  return { value: null, unit: quantity.unit };
}

/** Carries the year a figure refers to over to its band: the year says when, not how much. */
function dated(
  banded: BandedQuantity,
  from: { referenceYear?: number; referenceYearApproximate?: boolean },
): BandedQuantity {
  if (from.referenceYear !== undefined) banded.referenceYear = from.referenceYear;
  if (from.referenceYearApproximate !== undefined)
    banded.referenceYearApproximate = from.referenceYearApproximate;
  return banded;
}
