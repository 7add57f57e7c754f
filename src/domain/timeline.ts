import type { CompanyProperties } from './company.ts';
import type { Exchange } from './exchange.ts';

type Dated = Pick<Exchange, 'status' | 'startYear' | 'endYear' | 'lastSeenYear'>;

function hasFlowed(exchange: Dated): boolean {
  return exchange.status === 'existing' || exchange.status === 'historic';
}

/**
 * Whether an exchange ended without any source giving the year it ended. It is shown as "ended, year
 * unknown" after the last year a source saw it flowing (`lastReportedYear`), never silently dropped.
 */
export function endYearUnknown(exchange: Dated): boolean {
  return exchange.status === 'historic' && exchange.endYear === null;
}

/**
 * The last year a source saw an ended exchange flowing when none gives its end: `lastSeenYear`, else its
 * start year (the one year the data vouches for). Null for every other exchange.
 */
export function lastReportedYear(exchange: Dated): number | null {
  if (!endYearUnknown(exchange)) return null;
  return exchange.lastSeenYear ?? exchange.startYear;
}

/** The last year an exchange flowed: its end year, or for an end nobody recorded the last reported year. */
function lastFlowYear(exchange: Dated): number | null {
  return exchange.endYear ?? lastReportedYear(exchange);
}

/**
 * Whether an exchange flowed in `year`. Only exchanges that flowed (existing or historic) count, and only
 * when their start year is known. An existing exchange flows until today; a historic one until its end
 * year, or, where no source gives the end, up to the last year a source saw it (`lastSeenYear`, else the
 * start year): the data says nothing about the years after, so they are not counted as flowing.
 */
export function isActiveIn(exchange: Dated, year: number): boolean {
  if (!hasFlowed(exchange)) return false;
  if (exchange.startYear === null || exchange.startYear > year) return false;
  const last = lastFlowYear(exchange);
  return last === null || year <= last;
}

/** Whether a company was a symbiosis partner in `year` (registered potentials never were). */
export function isPartnerIn(company: Pick<CompanyProperties, 'partnerSince' | 'partnerUntil'>, year: number) {
  if (company.partnerSince === null || company.partnerSince > year) return false;
  return company.partnerUntil === null || year <= company.partnerUntil;
}

/** The first year any exchange flowed: where the timeline starts. */
export function firstExchangeYear(exchanges: readonly Exchange[]): number | null {
  const years = exchanges
    .filter(hasFlowed)
    .map((exchange) => exchange.startYear)
    .filter((year): year is number => year !== null);
  return years.length > 0 ? Math.min(...years) : null;
}

/** How long an ended exchange stays on the timeline, greyed, before it disappears: it fades rather than blinks out. */
export const FADE_YEARS = 2;

/**
 * Whether `year` falls after an exchange stopped being seen while nobody knows when it ended: it is then
 * drawn greyed as historic ("ended, year unknown"), for every later year, since it may have run on.
 */
export function isEndedYearUnknownIn(exchange: Dated, year: number): boolean {
  const last = lastReportedYear(exchange);
  return last !== null && exchange.startYear !== null && year > last;
}

/**
 * An exchange's status as the map shows it in `year`: existing while it flowed; historic (drawn greyed)
 * for FADE_YEARS after a known end year, and for every year after the last report of one whose end year
 * is unknown; otherwise not drawn. Without a year, today's status.
 */
export function statusInYear(exchange: Dated, year: number | null): Exchange['status'] | null {
  if (year === null) return exchange.status;
  if (isActiveIn(exchange, year)) return 'existing';
  if (isEndedYearUnknownIn(exchange, year)) return 'historic';
  const end = exchange.endYear;
  if (hasFlowed(exchange) && end !== null && year > end && year - end <= FADE_YEARS) return 'historic';
  return null;
}
