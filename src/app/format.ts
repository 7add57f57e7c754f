import type { Quantity } from '../domain/common.ts';
import { locale } from './i18n/locale.ts';

/** Units as people read them: m3 → m³, CO2 → CO₂. */
export function prettyUnit(unit: string): string {
  return unit.replace(/m3/g, 'm³').replace(/CO2/g, 'CO₂');
}

export function formatNumber(value: number, language: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits }).format(value);
}

/** "150,000 t/yr", "about 1,000,000 t/yr", or null when unknown (the caller says so in words). */
export function formatQuantity(quantity: Quantity, language: string): string | null {
  if (quantity.value === null) {
    const band = 'band' in quantity ? (quantity as { band?: { min: number; max: number } }).band : undefined;
    return band
      ? `${formatNumber(band.min, language)}–${formatNumber(band.max, language)} ${prettyUnit(quantity.unit)}`
      : null;
  }
  const approx = 'approximate' in quantity && quantity.approximate ? '≈ ' : '';
  return `${approx}${formatNumber(quantity.value, language)} ${prettyUnit(quantity.unit)}`;
}

export function formatKm(km: number, language: string): string {
  return `${formatNumber(km, language, km < 10 ? 1 : 0)} km`;
}
