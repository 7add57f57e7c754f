import type { CompanyProperties } from './company.ts';
import type { Exchange } from './exchange.ts';

/**
 * Whether an exchange flowed in `year`. Only exchanges that flowed (existing or historic) count, and only
 * when their start year is known. An existing exchange flows until today; a historic one until its end
 * year. A historic exchange whose end year nobody recorded counts only in its start year: the data says it
 * flowed then and says nothing after.
 */
export function isActiveIn(exchange: Exchange, year: number): boolean {
  if (exchange.status !== 'existing' && exchange.status !== 'historic') return false;
  if (exchange.startYear === null || exchange.startYear > year) return false;
  if (exchange.endYear !== null) return year <= exchange.endYear;
  return exchange.status === 'existing' || year === exchange.startYear;
}

/** Whether a company was a symbiosis partner in `year` (registered potentials never were). */
export function isPartnerIn(company: Pick<CompanyProperties, 'partnerSince' | 'partnerUntil'>, year: number) {
  if (company.partnerSince === null || company.partnerSince > year) return false;
  return company.partnerUntil === null || year <= company.partnerUntil;
}

/** The first year any exchange flowed: where the timeline starts. */
export function firstExchangeYear(exchanges: readonly Exchange[]): number | null {
  const years = exchanges
    .filter((exchange) => exchange.status === 'existing' || exchange.status === 'historic')
    .map((exchange) => exchange.startYear)
    .filter((year): year is number => year !== null);
  return years.length > 0 ? Math.min(...years) : null;
}
