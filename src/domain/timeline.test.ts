import { describe, expect, it } from 'vitest';
import type { Exchange } from './exchange.ts';
import { testExchange } from './testing/records.ts';
import {
  endYearUnknown,
  FADE_YEARS,
  firstExchangeYear,
  isActiveIn,
  isEndedYearUnknownIn,
  isPartnerIn,
  lastReportedYear,
  statusInYear,
} from './timeline.ts';

function exchange(fields: Partial<Exchange>): Exchange {
  return testExchange('x', { from: 'a', to: 'b', startYear: 1982, ...fields });
}

describe('which exchanges flowed in a year', () => {
  it('counts an existing exchange from its start year until today', () => {
    expect(isActiveIn(exchange({}), 1981)).toBe(false);
    expect(isActiveIn(exchange({}), 1982)).toBe(true);
    expect(isActiveIn(exchange({}), 2026)).toBe(true);
  });

  it('counts a historic exchange up to and including its end year', () => {
    const gypsum = exchange({ status: 'historic', startYear: 1993, endYear: 2019 });
    expect(isActiveIn(gypsum, 2019)).toBe(true);
    expect(isActiveIn(gypsum, 2020)).toBe(false);
  });

  it('never counts candidates, proposals or exchanges of unknown start', () => {
    expect(isActiveIn(exchange({ status: 'candidate' }), 2026)).toBe(false);
    expect(isActiveIn(exchange({ status: 'proposed' }), 2026)).toBe(false);
    expect(isActiveIn(exchange({ startYear: null }), 2026)).toBe(false);
  });

  it('starts the timeline at the first exchange that flowed', () => {
    expect(firstExchangeYear([exchange({ startYear: 1972 }), exchange({ startYear: 1961 })])).toBe(1961);
    expect(firstExchangeYear([exchange({ status: 'candidate', startYear: 1950 })])).toBeNull();
  });
});

describe('a historic exchange without an end year', () => {
  // The fish farm on the cooling-water canal: from 1989, last reported in 2018, end year unknown.
  const fishFarm = exchange({ status: 'historic', startYear: 1989, endYear: null, lastSeenYear: 2018 });

  it('counts as flowing from its start year up to the year a source last saw it', () => {
    expect(isActiveIn(fishFarm, 1988)).toBe(false);
    expect(isActiveIn(fishFarm, 1989)).toBe(true);
    expect(isActiveIn(fishFarm, 2005)).toBe(true);
    expect(isActiveIn(fishFarm, 2018)).toBe(true);
    expect(isActiveIn(fishFarm, 2019)).toBe(false);
  });

  it('shows as ended, year unknown (greyed as historic) in every year after that, never dropped', () => {
    expect(endYearUnknown(fishFarm)).toBe(true);
    expect(lastReportedYear(fishFarm)).toBe(2018);
    expect(statusInYear(fishFarm, 2018)).toBe('existing');
    for (const year of [2019, 2018 + FADE_YEARS + 1, 2040]) {
      expect(isEndedYearUnknownIn(fishFarm, year)).toBe(true);
      expect(statusInYear(fishFarm, year)).toBe('historic');
    }
    expect(isEndedYearUnknownIn(fishFarm, 2018)).toBe(false);
    expect(statusInYear(fishFarm, 1980)).toBeNull();
  });

  it('without a last-seen year, flows in its start year only and is ended, year unknown after', () => {
    const once = exchange({ status: 'historic', startYear: 1972, endYear: null });
    expect(lastReportedYear(once)).toBe(1972);
    expect(isActiveIn(once, 1972)).toBe(true);
    expect(isActiveIn(once, 1973)).toBe(false);
    expect(statusInYear(once, 1973)).toBe('historic');
    expect(statusInYear(once, 2026)).toBe('historic');
  });

  it('is not placed on the timeline when its start year is unknown too', () => {
    const undated = exchange({ status: 'historic', startYear: null, endYear: null, lastSeenYear: 2000 });
    expect(isActiveIn(undated, 2000)).toBe(false);
    expect(statusInYear(undated, 2010)).toBeNull();
  });

  it('is not what an ended exchange with a known end year is: that one fades and is gone', () => {
    const gypsum = exchange({ status: 'historic', startYear: 1993, endYear: 2019 });
    expect(endYearUnknown(gypsum)).toBe(false);
    expect(lastReportedYear(gypsum)).toBeNull();
    expect(statusInYear(gypsum, 2019 + FADE_YEARS)).toBe('historic');
    expect(statusInYear(gypsum, 2020 + FADE_YEARS)).toBeNull();
    expect(isEndedYearUnknownIn(gypsum, 2040)).toBe(false);
  });
});

describe('partners per year', () => {
  it('follow each partner’s membership years, partnerSince to partnerUntil', () => {
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 1971)).toBe(false);
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 1972)).toBe(true);
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 2024)).toBe(true);
    expect(isPartnerIn({ partnerSince: 1972, partnerUntil: 2024 }, 2025)).toBe(false);
    expect(isPartnerIn({ partnerSince: 2023, partnerUntil: null }, 2026)).toBe(true);
  });

  it('never count a company with no membership year (a registered potential)', () => {
    expect(isPartnerIn({ partnerSince: null, partnerUntil: null }, 2025)).toBe(false);
  });
});
