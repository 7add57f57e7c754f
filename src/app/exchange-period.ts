import type { TFunction } from 'i18next';
import type { Exchange } from '../domain/exchange.ts';
import { endYearUnknown, lastReportedYear } from '../domain/timeline.ts';

type Dated = Pick<Exchange, 'status' | 'startYear' | 'endYear' | 'lastSeenYear'>;

/**
 * The years of an exchange in words: "since 1982", "1993–2019", or for an ended exchange no source gives
 * an end year for "1989 · ended, year unknown (last reported 2018)". Null when no year is known at all.
 */
export function exchangePeriod(exchange: Dated, t: TFunction): string | null {
  const { startYear, endYear } = exchange;
  if (endYearUnknown(exchange)) {
    const reported = lastReportedYear(exchange);
    const ended =
      reported === null ? t('period.endedUnknownNoYear') : t('period.endedUnknown', { year: reported });
    return startYear === null ? ended : `${startYear} · ${ended}`;
  }
  if (endYear !== null) {
    return startYear === null ? t('period.until', { end: endYear }) : `${startYear}–${endYear}`;
  }
  if (startYear === null) return null;
  return exchange.status === 'existing' ? t('period.since', { start: startYear }) : String(startYear);
}
