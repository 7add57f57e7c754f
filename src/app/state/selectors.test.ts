import { describe, expect, it } from 'vitest';
import type { MapCompany } from '../../domain/api.ts';
import type { Stream } from '../../domain/company.ts';
import { EXCHANGE_STATUSES, type Exchange, type ExchangeStatus } from '../../domain/exchange.ts';
import { indexMapCompanies, toMapCompany } from '../../domain/map-companies.ts';
import { type CandidateExchange, createMatchingIndex } from '../../domain/matching/index.ts';
import type { Resource } from '../../domain/resource.ts';
import { testCandidate, testCompany, testResource, testStream } from '../../domain/testing/records.ts';
import { FADE_YEARS, isActiveIn, statusInYear } from '../../domain/timeline.ts';
import { committedDataset } from '../../server/testing.ts';
import {
  arcCountsByResource,
  indexResources,
  isResourceShown,
  type LayerFilters,
  selectVisibleCandidates,
  selectVisibleCompanies,
  selectVisibleExchanges,
  streamCountsByResource,
} from './selectors.ts';
import { defaultViewState } from './view-fields.ts';

// ——— The real committed dataset ——————————————————————————————————————————————————————————————————————————

const data = await committedDataset();
const resources = indexResources(data.resources);
const mapCompanies = data.companies.features.map(toMapCompany);
const companies = indexMapCompanies(mapCompanies);
const realCandidates = createMatchingIndex(data).allCandidates();

const KALUNDBORG = '0326';
const HOLBAEK = '0316';

/** The map as it opens: current statuses, no filters. */
const opening: LayerFilters = { ...defaultViewState };
/** Every status on, no filters: everything the dataset holds. */
const everything: LayerFilters = { ...defaultViewState, statuses: [...EXCHANGE_STATUSES] };

const visible = (view: LayerFilters) => selectVisibleExchanges(data.exchanges, companies, resources, view);
const visibleCandidates = (view: LayerFilters) =>
  selectVisibleCandidates(realCandidates, companies, resources, view);
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const municipalityOf = (companyId: string) => companies.get(companyId)?.municipality;

describe('the real dataset, as the selectors see it', () => {
  it('has what these specs rely on', () => {
    expect(data.exchanges.filter((e) => e.resourceId === 'steam').length).toBeGreaterThan(1);
    expect(realCandidates.some((c) => c.existingExchangeId !== undefined)).toBe(true);
    expect(realCandidates.some((c) => c.recordedCandidateId !== undefined)).toBe(true);
    expect(realCandidates.some((c) => c.existingExchangeId === undefined)).toBe(true);
  });
});

describe('hiding a resource in the legend', () => {
  it('removes its arcs and nothing else', () => {
    const hidden = visible({ ...opening, hiddenResources: ['steam'] });
    expect(hidden.some((e) => e.resourceId === 'steam')).toBe(false);
    expect(ids(hidden)).toEqual(ids(visible(opening).filter((e) => e.resourceId !== 'steam')));
  });

  it('lowers its legend count to nothing and leaves the other counts alone', () => {
    const before = arcCountsByResource(visible(opening), []);
    const after = arcCountsByResource(visible({ ...opening, hiddenResources: ['steam'] }), []);
    expect(before.get('steam')).toBeGreaterThan(0);
    expect(after.get('steam') ?? 0).toBe(0);
    for (const [resourceId, count] of before) {
      if (resourceId !== 'steam') expect(after.get(resourceId)).toBe(count);
    }
  });

  it('removes its computed candidates too', () => {
    const shown = visibleCandidates({ ...opening, showCandidates: true });
    const hidden = visibleCandidates({ ...opening, showCandidates: true, hiddenResources: ['surplus-heat'] });
    expect(shown.some((c) => c.resourceId === 'surplus-heat')).toBe(true);
    expect(hidden.some((c) => c.resourceId === 'surplus-heat')).toBe(false);
    expect(hidden.length).toBe(shown.filter((c) => c.resourceId !== 'surplus-heat').length);
  });

  it('counts the arcs of each resource over exchanges and candidates together', () => {
    const counts = arcCountsByResource(
      visible(everything),
      visibleCandidates({ ...everything, showCandidates: true }),
    );
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(
      visible(everything).length + visibleCandidates({ ...everything, showCandidates: true }).length,
    );
  });
});

describe('the category filter', () => {
  it.each(['energy', 'water', 'biomass', 'material', 'gas'] as const)('keeps only %s flows', (category) => {
    const shown = visible({ ...everything, category });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((e) => resources.get(e.resourceId)?.category === category)).toBe(true);
    const expected = data.exchanges.filter((e) => resources.get(e.resourceId)?.category === category);
    expect(ids(shown)).toEqual(ids(expected));
  });

  it('keeps only candidates of that category', () => {
    const shown = visibleCandidates({ ...opening, showCandidates: true, category: 'energy' });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => resources.get(c.resourceId)?.category === 'energy')).toBe(true);
  });

  it('works together with the legend toggles', () => {
    const shown = visible({ ...everything, category: 'energy', hiddenResources: ['steam'] });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((e) => e.resourceId !== 'steam')).toBe(true);
    expect(shown.every((e) => resources.get(e.resourceId)?.category === 'energy')).toBe(true);
  });

  it('hides a resource it does not know the category of', () => {
    expect(isResourceShown('no-such-resource', resources, { ...opening, category: 'energy' })).toBe(false);
    expect(isResourceShown('no-such-resource', resources, opening)).toBe(true);
  });
});

describe('the municipality filter', () => {
  it('keeps the companies in that municipality only', () => {
    const shown = selectVisibleCompanies(mapCompanies, { ...opening, municipality: HOLBAEK });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.municipality === HOLBAEK)).toBe(true);
    expect(shown.length).toBe(
      data.companies.features.filter((c) => c.properties.municipality === HOLBAEK).length,
    );
  });

  it('keeps every company without a municipality filter', () => {
    expect(selectVisibleCompanies(mapCompanies, opening)).toHaveLength(data.companies.features.length);
  });

  it('keeps the exchanges with at least one end in that municipality', () => {
    for (const municipality of [KALUNDBORG, HOLBAEK]) {
      const shown = visible({ ...everything, municipality });
      expect(shown.length).toBeGreaterThan(0);
      const expected = data.exchanges.filter(
        (e) => municipalityOf(e.from) === municipality || municipalityOf(e.to) === municipality,
      );
      expect(ids(shown)).toEqual(ids(expected));
    }
  });

  it('keeps a flow that leaves the municipality, from both sides', () => {
    // Surplus heat from Kalundborg Forsyning (Kalundborg) to Fors (Holbæk), a recorded candidate.
    const crossing = 'kalundborg-forsyning-surplus-heat-to-fors';
    expect(ids(visible({ ...everything, municipality: KALUNDBORG }))).toContain(crossing);
    expect(ids(visible({ ...everything, municipality: HOLBAEK }))).toContain(crossing);
    expect(ids(visible({ ...everything, municipality: '0306' }))).not.toContain(crossing);
  });

  it('keeps only candidates touching that municipality', () => {
    const shown = visibleCandidates({ ...opening, showCandidates: true, municipality: HOLBAEK });
    expect(shown.length).toBeGreaterThan(0);
    expect(
      shown.every(
        (c) => municipalityOf(c.fromCompanyId) === HOLBAEK || municipalityOf(c.toCompanyId) === HOLBAEK,
      ),
    ).toBe(true);
  });

  it('shows nothing for a municipality without companies', () => {
    expect(visible({ ...everything, municipality: '9999' })).toEqual([]);
    expect(selectVisibleCompanies(mapCompanies, { ...opening, municipality: '9999' })).toEqual([]);
  });
});

describe('the year filter', () => {
  it('shows fewer flows in 1975 than in 1995, when the symbiosis had grown', () => {
    const in1975 = visible({ ...everything, year: 1975 });
    const in1995 = visible({ ...everything, year: 1995 });
    expect(in1975.length).toBeGreaterThan(0);
    expect(in1975.length).toBeLessThan(in1995.length);
  });

  it('keeps the exchanges that flowed in that year, those that just ended and those of unknown end (greyed)', () => {
    for (const year of [1975, 1995, 2010, 2026]) {
      const shown = visible({ ...everything, year });
      expect(shown.every((e) => isActiveIn(e, year) || statusInYear(e, year) === 'historic')).toBe(true);
      expect(ids(shown)).toEqual(ids(data.exchanges.filter((e) => statusInYear(e, year) !== null)));
      const flowing = visible({ ...everything, statuses: ['existing'], year });
      expect(ids(flowing)).toEqual(ids(data.exchanges.filter((e) => isActiveIn(e, year))));
    }
  });

  it('shows an ended exchange in its years only', () => {
    // FGD gypsum from Asnæs to Gyproc flowed 1993–2019.
    const gypsum = 'asnaes-fgd-gypsum-to-gyproc';
    expect(ids(visible({ ...everything, year: 1990 }))).not.toContain(gypsum);
    expect(ids(visible({ ...everything, year: 1995 }))).toContain(gypsum);
    expect(ids(visible({ ...everything, year: 2019 }))).toContain(gypsum);
    // It fades out (drawn greyed as historic) for FADE_YEARS, then it is gone.
    expect(ids(visible({ ...everything, statuses: ['existing'], year: 2020 }))).not.toContain(gypsum);
    expect(ids(visible({ ...everything, year: 2019 + FADE_YEARS }))).toContain(gypsum);
    expect(ids(visible({ ...everything, year: 2020 + FADE_YEARS }))).not.toContain(gypsum);
  });

  it('does not show an exchange before it started', () => {
    // Steam from Asnæs to Novonesis since 2020.
    expect(ids(visible({ ...everything, year: 1995 }))).not.toContain('asnaes-steam-to-novonesis');
    expect(ids(visible({ ...everything, year: 2021 }))).toContain('asnaes-steam-to-novonesis');
  });

  it('hides recorded candidates and proposals, which never flowed', () => {
    const statuses = (view: LayerFilters) => new Set(visible(view).map((e) => e.status));
    expect(statuses(everything)).toContain('proposed');
    expect(statuses(everything)).toContain('candidate');
    const inYear = statuses({ ...everything, year: 2026 });
    expect(inYear).not.toContain('proposed');
    expect(inYear).not.toContain('candidate');
  });

  it('hides computed candidates even when they are switched on', () => {
    expect(visibleCandidates({ ...opening, showCandidates: true }).length).toBeGreaterThan(0);
    expect(visibleCandidates({ ...opening, showCandidates: true, year: 2026 })).toEqual([]);
  });

  it('applies the status toggles to the status each exchange had in that year', () => {
    // Fly ash to cement ended in 2019, so today it is historic; in 1995 it was flowing.
    const flowing1995 = visible({ ...everything, statuses: ['existing'], year: 1995 });
    expect(ids(flowing1995)).toContain('asnaes-fly-ash-to-aalborg-portland');
    expect(
      visible({ ...everything, statuses: ['historic'], year: 1995 }).every((e) => !isActiveIn(e, 1995)),
    ).toBe(true);
  });
});

describe('the status toggles', () => {
  it('leave historic flows off when the map opens', () => {
    const shown = visible(opening);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((e) => e.status === 'historic')).toBe(false);
  });

  it.each(EXCHANGE_STATUSES.map((s) => [s]))('show only the chosen status %s', (status: ExchangeStatus) => {
    expect(visible({ ...everything, statuses: [status] }).every((e) => e.status === status)).toBe(true);
  });

  it('show nothing with every status off', () => {
    expect(visible({ ...everything, statuses: [] })).toEqual([]);
  });
});

describe('computed candidates', () => {
  it('are drawn only when switched on', () => {
    expect(visibleCandidates(opening)).toEqual([]);
    expect(visibleCandidates({ ...opening, showCandidates: true }).length).toBeGreaterThan(0);
  });

  it('never repeat a link that already flows or is already recorded', () => {
    const shown = visibleCandidates({ ...opening, showCandidates: true });
    expect(shown.every((c) => c.existingExchangeId === undefined)).toBe(true);
    expect(shown.every((c) => c.recordedCandidateId === undefined)).toBe(true);
    expect(shown.length).toBe(
      realCandidates.filter((c) => c.existingExchangeId === undefined && c.recordedCandidateId === undefined)
        .length,
    );
  });
});

// ——— Small hand-made fixtures, where the exact outcome matters ——————————————————————————————————————————

function resource(id: string, category: Resource['category']): Resource {
  return testResource(id, { category });
}

function stream(id: string, resourceId: string, status: Stream['status'] = 'active'): Stream {
  return testStream(id, { resourceId, status });
}

function company(id: string, municipality: string | null, streams: Stream[] = []): MapCompany {
  return toMapCompany(testCompany(id, { municipality, streams }));
}

function candidate(
  id: string,
  from: string,
  to: string,
  resourceId: string,
  links: Pick<CandidateExchange, 'existingExchangeId' | 'recordedCandidateId'> = {},
): CandidateExchange {
  return testCandidate(id, from, to, { resourceId, ...links });
}

function exchange(
  id: string,
  status: ExchangeStatus,
  startYear: number | null,
  endYear: number | null,
): Exchange {
  return {
    id,
    from: 'plant',
    to: 'farm',
    resourceId: 'heat',
    status,
    startYear,
    endYear,
    quantity: { value: null, unit: 'MWh/yr' },
    impact: [],
    source: ['test fixture'],
    verification: 'verified',
    visibility: 'public',
  };
}

const fixtureResources = indexResources([resource('heat', 'energy'), resource('gypsum', 'material')]);
const fixtureCompanies = indexMapCompanies([company('plant', '0326'), company('farm', '0316')]);
const on: LayerFilters = { ...everything, showCandidates: true };

describe('candidates that already flow', () => {
  it('are left out whether linked by an exchange or recorded as a candidate', () => {
    const candidates = [
      candidate('cand-new', 'plant', 'farm', 'heat'),
      candidate('cand-flowing', 'plant', 'farm', 'heat', { existingExchangeId: 'plant-heat-to-farm' }),
      candidate('cand-recorded', 'plant', 'farm', 'heat', { recordedCandidateId: 'plant-heat-candidate' }),
    ];
    expect(ids(selectVisibleCandidates(candidates, fixtureCompanies, fixtureResources, on))).toEqual([
      'cand-new',
    ]);
  });

  it('follow the category and municipality filters like exchanges', () => {
    const candidates = [
      candidate('cand-heat', 'plant', 'farm', 'heat'),
      candidate('cand-gypsum', 'plant', 'farm', 'gypsum'),
    ];
    const select = (view: Partial<LayerFilters>) =>
      ids(selectVisibleCandidates(candidates, fixtureCompanies, fixtureResources, { ...on, ...view }));
    expect(select({ category: 'material' })).toEqual(['cand-gypsum']);
    expect(select({ hiddenResources: ['gypsum'] })).toEqual(['cand-heat']);
    expect(select({ municipality: '0316' })).toEqual(['cand-heat', 'cand-gypsum']);
    expect(select({ municipality: '0306' })).toEqual([]);
  });
});

describe('the year filter, precisely', () => {
  const exchanges = [
    exchange('since-1990', 'existing', 1990, null),
    exchange('1990-to-2000', 'historic', 1990, 2000),
    exchange('once-in-1990', 'historic', 1990, null),
    { ...exchange('seen-to-1995', 'historic', 1990, null), lastSeenYear: 1995 },
    exchange('start-unknown', 'existing', null, null),
    exchange('proposal', 'proposed', null, null),
    exchange('rejected', 'rejected', 1990, null),
  ];
  const inYear = (year: number) =>
    ids(selectVisibleExchanges(exchanges, fixtureCompanies, fixtureResources, { ...everything, year }));

  const flowingIn = (year: number) =>
    ids(
      selectVisibleExchanges(exchanges, fixtureCompanies, fixtureResources, {
        ...everything,
        statuses: ['existing'],
        year,
      }),
    );

  it('keeps flows in their first and last year and drops them outside', () => {
    expect(inYear(1989)).toEqual([]);
    expect(inYear(1990)).toEqual(['since-1990', '1990-to-2000', 'once-in-1990', 'seen-to-1995']);
    expect(inYear(2000)).toEqual(['since-1990', '1990-to-2000', 'once-in-1990', 'seen-to-1995']);
    // Ended flows with a known end fade: shown as historic for FADE_YEARS after their end, then gone.
    expect(inYear(2001)).toContain('1990-to-2000');
    expect(inYear(2000 + FADE_YEARS + 1)).not.toContain('1990-to-2000');
  });

  it('shows a flow whose end year nobody knows as flowing until last reported, then ended (greyed) for good', () => {
    expect(flowingIn(1995)).toContain('seen-to-1995');
    expect(flowingIn(1996)).not.toContain('seen-to-1995');
    expect(flowingIn(1991)).not.toContain('once-in-1990');
    for (const year of [1996, 2000 + FADE_YEARS + 1, 2026]) {
      expect(inYear(year)).toEqual(expect.arrayContaining(['once-in-1990', 'seen-to-1995']));
    }
  });

  it('never places a flow whose start year nobody knows', () => {
    expect(inYear(2026)).not.toContain('start-unknown');
  });
});

describe('the legend stream counts', () => {
  it('count companies with a current stream of each resource, not historic ones', () => {
    const counts = streamCountsByResource([
      company('a', '0326', [stream('a-heat', 'heat'), stream('a-gypsum', 'gypsum', 'historic')]),
      company('b', '0326', [stream('b-heat', 'heat', 'planned')]),
    ]);
    expect(counts.get('heat')).toBe(2);
    expect(counts.has('gypsum')).toBe(false);
  });
});
