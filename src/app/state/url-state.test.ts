import { describe, expect, it } from 'vitest';
import { paramsToViewState, viewStatePath, viewStateToParams } from './url-state.ts';
import { defaultStatuses, defaultViewState } from './view-fields.ts';
import type { ViewState } from './view-state.ts';

/** What the browser does with a shared link: the params become a string and come back from it. */
function throughUrl(view: ViewState, fallbackLanguage: ViewState['language'] = 'en'): ViewState {
  const url = `https://atlas.test/?${viewStateToParams(view).toString()}`;
  return paramsToViewState(new URL(url).searchParams, fallbackLanguage);
}

/** A hand-typed (or hand-edited) query string, read as the app reads `location.search`. */
const parse = (query: string, fallbackLanguage: ViewState['language'] = 'en') =>
  paramsToViewState(new URLSearchParams(query), fallbackLanguage);

const fullView: ViewState = {
  camera: { lon: 11.09123, lat: 55.66789, zoom: 11.25 },
  hiddenResources: ['fly-ash', 'steam', 'surface-water'],
  statuses: ['existing', 'historic'],
  showCandidates: true,
  clusters: false,
  animateFlows: true,
  municipality: '0326',
  category: 'energy',
  year: 1995,
  selectedCompanyId: 'novo-nordisk-kalundborg',
  highlightedArcId: 'cand-asnaes-steam-out--novo-nordisk-steam-in',
  view: 'list',
  scenarioId: 'sc-0123456789ab',
  reportPeriod: null,
  mode: 'explore',
  chapter: 0,
  language: 'da',
  partnerFinder: {
    companyId: 'asnaes-power-station',
    lon: 11.0809,
    lat: 55.6615,
    radiusKm: 12.5,
    resourceId: 'surplus-heat',
    direction: 'input',
  },
};

describe('a shared link', () => {
  it('brings back exactly the view it was made from', () => {
    expect(throughUrl(fullView)).toEqual(fullView);
  });

  it('opens straight into the story at the chapter it was made at, on the /present route', () => {
    const presenting: ViewState = { ...fullView, mode: 'present', chapter: 3 };
    expect(viewStatePath(presenting)).toBe('/present');
    const back = paramsToViewState(viewStateToParams(presenting), 'en', viewStatePath(presenting));
    expect(back).toEqual(presenting);
    expect(paramsToViewState(new URLSearchParams('ch=99'), 'en', '/present').chapter).toBe(98);
    expect(paramsToViewState(new URLSearchParams('ch=-4'), 'en', '/present').chapter).toBe(0);
  });

  it('opens a staff colleague’s scenario, and the report for the years it was made for', () => {
    expect(parse('view=scenario&scenario=sc-a1b2c3d4e5f6')).toMatchObject({
      view: 'scenario',
      scenarioId: 'sc-a1b2c3d4e5f6',
    });
    const report: ViewState = { ...fullView, view: 'report', reportPeriod: { from: 2013, to: 2014 } };
    expect(viewStateToParams(report).get('period')).toBe('2013-2014');
    expect(throughUrl(report)).toEqual(report);
    expect(parse('view=report&period=2015-2014').reportPeriod).toBeNull();
    expect(parse('view=report&period=soon').reportPeriod).toBeNull();
  });

  it('keeps a candidate arc id whose two stream ids are joined by "--"', () => {
    const view = {
      ...defaultViewState,
      highlightedArcId: 'cand-kalundborg-forsyning-heat--holbaek-pool-heat',
    };
    expect(viewStateToParams(view).get('arc')).toBe('cand-kalundborg-forsyning-heat--holbaek-pool-heat');
    expect(throughUrl(view).highlightedArcId).toBe('cand-kalundborg-forsyning-heat--holbaek-pool-heat');
  });

  it.each(['list', 'diagram'] as const)('opens the %s view it was shared from', (view) => {
    expect(viewStateToParams({ ...defaultViewState, view }).get('view')).toBe(view);
    expect(throughUrl({ ...defaultViewState, view }).view).toBe(view);
    expect(parse('view=sankey').view).toBe('map');
  });

  it('keeps an exchange id as the highlighted arc', () => {
    const view = { ...defaultViewState, highlightedArcId: 'asnaes-steam-to-novo-nordisk' };
    expect(throughUrl(view).highlightedArcId).toBe('asnaes-steam-to-novo-nordisk');
  });

  it('keeps a partner finder that searches around a point, not a company, for anything', () => {
    const view: ViewState = {
      ...defaultViewState,
      partnerFinder: {
        companyId: null,
        lon: 11.7,
        lat: 55.72,
        radiusKm: 30,
        resourceId: null,
        direction: null,
      },
    };
    expect(throughUrl(view)).toEqual(view);
    expect([...viewStateToParams(view).keys()]).not.toContain('findco');
  });

  it.each(['output', 'input'] as const)('keeps the partner finder direction %s', (direction) => {
    const view: ViewState = {
      ...defaultViewState,
      partnerFinder: { companyId: null, lon: 11.7, lat: 55.72, radiusKm: 5, resourceId: 'steam', direction },
    };
    expect(throughUrl(view).partnerFinder?.direction).toBe(direction);
  });

  it('keeps "no status at all" apart from "the default statuses"', () => {
    const none = { ...defaultViewState, statuses: [] };
    expect(viewStateToParams(none).get('status')).toBe('none');
    expect(throughUrl(none).statuses).toEqual([]);
    expect(throughUrl(defaultViewState).statuses).toEqual(defaultStatuses);
  });

  it('does not depend on the order the legend toggles were clicked in', () => {
    const clicked = { ...fullView, hiddenResources: ['steam', 'surface-water', 'fly-ash'] };
    const sameSet = { ...fullView, hiddenResources: ['fly-ash', 'surface-water', 'steam'] };
    expect(viewStateToParams(clicked).toString()).toBe(viewStateToParams(sameSet).toString());
    expect(throughUrl(clicked).hiddenResources).toEqual(['fly-ash', 'steam', 'surface-water']);
  });

  it('keeps each language', () => {
    expect(throughUrl({ ...defaultViewState, language: 'da' }, 'en').language).toBe('da');
    expect(throughUrl({ ...defaultViewState, language: 'en' }, 'da').language).toBe('en');
  });

  it('rounds the camera to ~1 m and a hundredth of a zoom level, which nobody can see', () => {
    const view: ViewState = {
      ...defaultViewState,
      camera: { lon: 11.091234567891, lat: 55.667891234567, zoom: 10.123456789 },
    };
    expect(viewStateToParams(view).get('at')).toBe('11.09123,55.66789,10.12');
    expect(throughUrl(view).camera).toEqual({ lon: 11.09123, lat: 55.66789, zoom: 10.12 });
  });

  it('rounds the partner finder centre like the camera but keeps its radius', () => {
    const view: ViewState = {
      ...defaultViewState,
      partnerFinder: {
        companyId: null,
        lon: 11.700004999,
        lat: 55.720001,
        radiusKm: 7.25,
        resourceId: null,
        direction: null,
      },
    };
    expect(throughUrl(view).partnerFinder).toMatchObject({ lon: 11.7, lat: 55.72, radiusKm: 7.25 });
  });

  it('is stable: a parsed link written out again gives the same link', () => {
    const once = viewStateToParams(fullView).toString();
    expect(viewStateToParams(parse(once)).toString()).toBe(once);
  });
});

describe('the default view', () => {
  it('gives a short link that only names the language', () => {
    expect(viewStateToParams(defaultViewState).toString()).toBe('lang=en');
  });

  it('does not write the default statuses, in whatever order they are held', () => {
    const reordered = { ...defaultViewState, statuses: [...defaultStatuses].reverse() };
    expect(viewStateToParams(reordered).has('status')).toBe(false);
  });

  it('writes only what differs from the defaults', () => {
    const params = viewStateToParams({ ...defaultViewState, selectedCompanyId: 'kalundborg-forsyning' });
    expect(params.toString()).toBe('sel=kalundborg-forsyning&lang=en');
  });

  it('is what an empty link opens, in the language the browser asks for', () => {
    expect(parse('')).toEqual(defaultViewState);
    expect(parse('', 'da')).toEqual({ ...defaultViewState, language: 'da' });
  });
});

describe('a hand-edited or hostile link', () => {
  it.each([
    ['a number that is not one', 'at=NaN,55.66,10'],
    ['an infinite longitude', 'at=Infinity,55.66,10'],
    ['a latitude beyond the pole', 'at=11.09,95,10'],
    ['a longitude beyond the antimeridian', 'at=191,55.66,10'],
    ['a zoom deeper than any map', 'at=11.09,55.66,30'],
    ['a negative zoom', 'at=11.09,55.66,-1'],
    ['a missing zoom', 'at=11.09,55.66'],
    ['an empty part', 'at=11.09,,10'],
    ['words', 'at=east,north,close'],
  ])('drops a camera with %s and keeps the rest', (_label, at) => {
    const view = parse(`${at}&sel=kalundborg-forsyning&lang=da`);
    expect(view.camera).toBeNull();
    expect(view.selectedCompanyId).toBe('kalundborg-forsyning');
    expect(view.language).toBe('da');
  });

  it('drops unknown statuses but keeps the known ones', () => {
    expect(parse('status=existing,exploded,historic').statuses).toEqual(['existing', 'historic']);
  });

  it('falls back to the default statuses when none of them is known, rather than hiding every flow', () => {
    for (const status of ['exploded', '<script>', ',', '']) {
      expect(parse(`status=${encodeURIComponent(status)}`).statuses).toEqual(defaultStatuses);
    }
  });

  it('drops a year outside the dataset, or not a year at all', () => {
    for (const year of ['1800', '2200', 'NaN', 'nineteen-ninety', '', '<script>']) {
      expect(parse(`year=${encodeURIComponent(year)}`).year).toBeNull();
    }
    expect(parse('year=1995').year).toBe(1995);
  });

  it('turns a fractional year into a whole one', () => {
    expect(parse('year=1995.4').year).toBe(1995);
  });

  it('drops a municipality that is not a four-digit komkode', () => {
    for (const mun of ['326', '03260', 'kalundborg', '<script>', '0326;drop']) {
      expect(parse(`mun=${encodeURIComponent(mun)}`).municipality).toBeNull();
    }
    expect(parse('mun=0326').municipality).toBe('0326');
  });

  it('drops an unknown category', () => {
    for (const cat of ['plastics', 'Energy', 'constructor', '__proto__', '<script>']) {
      expect(parse(`cat=${encodeURIComponent(cat)}`).category).toBeNull();
    }
    expect(parse('cat=water').category).toBe('water');
  });

  it('never lets markup or odd characters into ids', () => {
    const view = parse(
      `sel=${encodeURIComponent('<script>alert(1)</script>')}` +
        `&arc=${encodeURIComponent('"><img src=x onerror=alert(1)>')}` +
        `&hide=${encodeURIComponent('steam,<script>,Steam,fly ash,fly-ash,--,')}` +
        `&find=11.7,55.72,10&findco=${encodeURIComponent('<b>')}&findres=${encodeURIComponent('../etc')}`,
    );
    expect(view.selectedCompanyId).toBeNull();
    expect(view.highlightedArcId).toBeNull();
    expect(view.hiddenResources).toEqual(['steam', 'fly-ash']);
    expect(view.partnerFinder).toEqual({
      companyId: null,
      lon: 11.7,
      lat: 55.72,
      radiusKm: 10,
      resourceId: null,
      direction: null,
    });
  });

  it('drops an arc id that does not start with a letter or digit', () => {
    expect(parse('arc=-steam').highlightedArcId).toBeNull();
    expect(parse('arc=--').highlightedArcId).toBeNull();
  });

  it('drops a partner finder with an unusable centre or radius', () => {
    for (const find of ['11.7,55.72,0', '11.7,55.72,501', '11.7,95,10', 'x,55.72,10', '11.7,55.72']) {
      expect(parse(`find=${find}&findco=kalundborg-forsyning`).partnerFinder).toBeNull();
    }
  });

  it('drops an unknown partner finder direction but keeps the search', () => {
    expect(parse('find=11.7,55.72,10&finddir=sideways').partnerFinder).toMatchObject({
      radiusKm: 10,
      direction: null,
    });
  });

  it('falls back to the map, the browser language and no candidates for unknown values', () => {
    const view = parse('view=grid&lang=fr&cand=yes', 'da');
    expect(view.view).toBe('map');
    expect(view.language).toBe('da');
    expect(view.showCandidates).toBe(false);
  });

  it('keeps every valid field when the others are broken', () => {
    const view = parse(
      'at=11.09,95,10&hide=steam,<x>&status=existing,bogus&cand=1&mun=326&cat=energy&year=3000' +
        '&sel=gyproc-kalundborg&arc=%3Cscript%3E&view=list&lang=da&find=11,55,0',
    );
    expect(view).toEqual({
      ...defaultViewState,
      hiddenResources: ['steam'],
      statuses: ['existing'],
      showCandidates: true,
      category: 'energy',
      selectedCompanyId: 'gyproc-kalundborg',
      view: 'list',
      language: 'da',
    });
  });

  it('never throws, whatever the query string holds', () => {
    const junk = [
      '%',
      '%E0%A4%A',
      '?&&&==&',
      'at=,,,,,,&find=,,,&status=,,,',
      'at=1e999,1e999,1e999',
      `hide=${'a,'.repeat(10_000)}`,
      `sel=${'x'.repeat(100_000)}`,
      'status=none,existing',
      '__proto__=1&constructor=2&toString=3',
      'at=11.09&at=55.66&at=10',
    ];
    for (const query of junk) {
      expect(() => parse(query)).not.toThrow();
      expect(() => viewStateToParams(parse(query))).not.toThrow();
    }
  });
});
