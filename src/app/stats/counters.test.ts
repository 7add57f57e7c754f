import { beforeAll, describe, expect, it } from 'vitest';
import { committedDataset, specYear } from '../../../tests/support/committed-dataset.ts';
import type { ImpactFigure } from '../../domain/impact.ts';
import { type AtlasStats, computeStats } from '../../domain/stats.ts';
import { testExchange } from '../../domain/testing/records.ts';
import { countersFor, publishedAsOf } from './counters.ts';
import { growthData, pointAt, yearRows } from './growth-data.ts';

const CURRENT_YEAR = specYear;
let stats: AtlasStats;

beforeAll(async () => {
  const dataset = await committedDataset();
  stats = computeStats(dataset.companies.features, dataset.exchanges, dataset.impactFigures, CURRENT_YEAR);
});

describe('the growth chart and the counters', () => {
  it('chart every year from the first exchange (1961) to today', () => {
    const data = growthData(stats);
    expect(data?.firstYear).toBe(1961);
    expect(data?.lastYear).toBe(CURRENT_YEAR);
    expect(yearRows(data ?? { firstYear: 0, lastYear: -1, points: [], published: [] })).toHaveLength(
      CURRENT_YEAR - 1961 + 1,
    );
  });

  it('draw the same partners and flowing exchanges as the counters show, year by year', () => {
    const data = growthData(stats);
    if (!data) throw new Error('no chart data');
    for (let year = data.firstYear; year <= data.lastYear; year++) {
      const counters = countersFor(stats, year);
      expect(pointAt(data, 'partners', year), `partners ${year}`).toBe(counters?.partners);
      expect(pointAt(data, 'exchanges', year), `exchanges ${year}`).toBe(counters?.flowingExchanges);
    }
    for (const row of yearRows(data)) {
      expect(row).toEqual({
        year: row.year,
        partners: countersFor(stats, row.year)?.partners,
        exchanges: countersFor(stats, row.year)?.flowingExchanges,
      });
    }
  });

  it('mark every published headline figure at its own year, and only those', () => {
    const data = growthData(stats);
    const headline = stats.byYear.flatMap((y) => y.publishedFigures);
    expect(data?.published).toEqual(headline);
    expect(headline.every((figure) => figure.headline)).toBe(true);
  });
});

describe('the published figures a counter quotes', () => {
  const figure = (id: string, metric: ImpactFigure['metric'], unit: string, year: number): ImpactFigure => ({
    id,
    metric,
    label: { da: id, en: id },
    value: 1,
    unit,
    year,
    scope: { da: 'x', en: 'x' },
    headline: true,
    method: 'as published',
    source: ['https://example.org'],
    verification: 'verified',
    visibility: 'public',
  });
  const series = computeStats(
    [],
    [testExchange('x', { from: 'a', to: 'b' })],
    [
      figure('co2-1993', 'co2', 't/yr', 1993),
      figure('co2-2010', 'co2', 't/yr', 2010),
      figure('water-2010', 'water', 'm3/yr', 2010),
      figure('savings-2018', 'money', 'DKK million/yr', 2018),
      figure('value-2018', 'money', 'DKK million/yr', 2018),
    ],
    2026,
  );
  const ids = (year: number) => publishedAsOf(series, year).map((f) => f.id);

  it('are none before the first was published', () => {
    expect(ids(1992)).toEqual([]);
  });

  it('are the latest of each metric and unit up to the year shown, never one from later', () => {
    expect(ids(1995)).toEqual(['co2-1993']);
    expect(ids(2010)).toEqual(['co2-2010', 'water-2010']);
    expect(ids(2026)).toEqual(['co2-2010', 'water-2010', 'savings-2018', 'value-2018']);
  });
});
