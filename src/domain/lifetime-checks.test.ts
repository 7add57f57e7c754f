import { describe, expect, it } from 'vitest';
import type { Fixture } from './testing/dataset-fixture.ts';
import { firstCompany, firstExchange, problemsAfter } from './testing/dataset-fixture.ts';

const EXCHANGE = 'exchanges[power-station-steam-to-pharma]';

function pharma(data: Fixture) {
  const feature = data.companies.features[1];
  if (!feature) throw new Error('fixture has no second company');
  return feature.properties as Record<string, unknown>;
}

const year = (y: number) => ({ year: y, source: ['https://example.org/history'] });
const rulesOf = (problems: { rule: string; path: string }[]) => problems.map((p) => [p.rule, p.path]);

describe('an exchange flows only while both its ends exist', () => {
  it('refuses an exchange that starts before one of its ends was established', () => {
    const problems = problemsAfter((data) => {
      pharma(data).established = year(1990);
      pharma(data).partnerSince = 1990;
    });
    expect(rulesOf(problems)).toEqual([['lifetime', `${EXCHANGE}.startYear`]]);
    expect(problems[0]?.message).toBe('starts in 1982, before pharma existed (established 1990)');
  });

  it('refuses an exchange that flows on after one of its ends closed', () => {
    const problems = problemsAfter((data) => {
      pharma(data).closed = year(2014);
      pharma(data).role = 'former-partner';
      pharma(data).partnerUntil = 2014;
    });
    expect(rulesOf(problems)).toEqual([['lifetime', `${EXCHANGE}.endYear`]]);
    expect(problems[0]?.message).toContain('flows until 2019, after pharma closed');
  });

  it('counts an existing exchange as flowing today, and a historic one until it was last seen', () => {
    const existing = problemsAfter((data) => {
      Object.assign(firstExchange(data), { status: 'existing', endYear: null });
      Object.assign(pharma(data), { closed: year(2020), role: 'former-partner', partnerUntil: 2020 });
    });
    expect(rulesOf(existing)).toEqual([['lifetime', `${EXCHANGE}.status`]]);
    const lastSeen = problemsAfter((data) => {
      Object.assign(firstExchange(data), { endYear: null, lastSeenYear: 2021 });
      Object.assign(pharma(data), { closed: year(2020), role: 'former-partner', partnerUntil: 2020 });
    });
    expect(rulesOf(lastSeen)).toEqual([['lifetime', `${EXCHANGE}.lastSeenYear`]]);
  });

  it('accepts an exchange inside both lives', () => {
    const problems = problemsAfter((data) => {
      Object.assign(pharma(data), { established: year(1982), closed: year(2019) });
      Object.assign(pharma(data), { role: 'former-partner', partnerUntil: 2019 });
    });
    expect(problems).toEqual([]);
  });
});

describe('lastSeenYear marks when a source last saw a historic exchange', () => {
  it('belongs only to a historic exchange without an end year', () => {
    const problems = problemsAfter((data) => {
      Object.assign(firstExchange(data), { lastSeenYear: 2010 });
    });
    expect(rulesOf(problems)).toEqual([['years', `${EXCHANGE}.lastSeenYear`]]);
  });

  it('lies between the start and today', () => {
    const before = problemsAfter((data) => {
      Object.assign(firstExchange(data), { endYear: null, lastSeenYear: 1980 });
    });
    expect(before.map((p) => p.message)).toEqual(['last seen in 1980, before it started (1982)']);
    const fine = problemsAfter((data) => {
      Object.assign(firstExchange(data), { endYear: null, lastSeenYear: 2019 });
    });
    expect(fine).toEqual([]);
  });
});

describe('a membership period agrees with the partner’s record', () => {
  it('names the page(s) the membership comes from', () => {
    const problems = problemsAfter((data) => {
      delete (firstCompany(data).properties as Record<string, unknown>).membershipSource;
    });
    expect(rulesOf(problems)).toEqual([['membership', 'companies[power-station].membershipSource']]);
  });

  it('refuses a membership that starts before the company existed or lasts beyond its closing', () => {
    const early = problemsAfter((data) => {
      Object.assign(pharma(data), { established: year(1982), partnerSince: 1975 });
    });
    expect(early.map((p) => p.message)).toEqual(['joins in 1975, before it existed (established 1982)']);
    const late = problemsAfter((data) => {
      Object.assign(pharma(data), { closed: year(2019), role: 'former-partner', partnerUntil: 2022 });
    });
    expect(rulesOf(late)).toEqual([['membership', 'companies[pharma].partnerUntil']]);
  });

  it('gives a current partner a published membership and a former partner an ended one', () => {
    const partner = problemsAfter((data) => {
      Object.assign(pharma(data), { partnerSince: null, membershipSource: undefined });
    });
    expect(partner.map((p) => p.message)).toEqual([
      'a current partner needs the year it joined, from a published member list',
    ]);
    const former = problemsAfter((data) => {
      Object.assign(pharma(data), { role: 'former-partner' });
    });
    expect(former.map((p) => p.message)).toEqual([
      "a former partner's membership (from 1982) needs the year it ended",
    ]);
  });

  it('gives no membership to a registered potential or an outside counterparty', () => {
    const problems = problemsAfter((data) => {
      Object.assign(pharma(data), { role: 'external' });
    });
    expect(rulesOf(problems)).toEqual([['membership', 'companies[pharma].partnerSince']]);
  });

  it('lets a participant take part in exchanges without ever being a listed member', () => {
    const problems = problemsAfter((data) => {
      Object.assign(pharma(data), {
        role: 'former-partner',
        partnerSince: null,
        membershipSource: undefined,
      });
    });
    expect(problems).toEqual([]);
  });
});
