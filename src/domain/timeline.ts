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

/** How long an ended exchange stays on the timeline, greyed, before it disappears: it fades rather than blinks out. */
export const FADE_YEARS = 2;

/**
 * An exchange's status as the map shows it in `year`: existing while it flowed, historic for a couple of
 * years after it ended (drawn greyed), otherwise what it is today. Without a year, today's status.
 */
export function statusInYear(exchange: Exchange, year: number | null): Exchange['status'] | null {
  if (year === null) return exchange.status;
  if (isActiveIn(exchange, year)) return 'existing';
  const end = exchange.endYear ?? (exchange.status === 'historic' ? exchange.startYear : null);
  if (end !== null && year > end && year - end <= FADE_YEARS) return 'historic';
  return null;
}
