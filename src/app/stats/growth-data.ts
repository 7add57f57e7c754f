import type { ImpactFigure } from '../../domain/impact.ts';
import type { AtlasStats } from '../../domain/stats.ts';

export type GrowthSeries = 'partners' | 'exchanges';

export interface GrowthPoint {
  year: number;
  series: GrowthSeries;
  value: number;
}

export interface GrowthData {
  firstYear: number;
  lastYear: number;
  /** One point per series and year, from the same per-year counts as the counters. */
  points: GrowthPoint[];
  /** Published headline figures, as dated points: drawn by year only, since their units differ. */
  published: ImpactFigure[];
}

/** The growth chart's data: partners and flowing exchanges per year, and the published figures' years. */
export function growthData(stats: AtlasStats | undefined): GrowthData | null {
  const years = stats?.byYear ?? [];
  const first = years[0];
  const last = years.at(-1);
  if (!first || !last) return null;
  return {
    firstYear: first.year,
    lastYear: last.year,
    points: years.flatMap((entry): GrowthPoint[] => [
      { year: entry.year, series: 'partners', value: entry.partners },
      { year: entry.year, series: 'exchanges', value: entry.activeExchanges },
    ]),
    published: years.flatMap((entry) => entry.publishedFigures),
  };
}

/** The value of one series in one year, as the chart draws it. */
export function pointAt(data: GrowthData, series: GrowthSeries, year: number): number | null {
  return data.points.find((point) => point.series === series && point.year === year)?.value ?? null;
}

export interface YearRow {
  year: number;
  partners: number;
  exchanges: number;
}

/** One row per year with both series: the chart's hover tip and the table behind the chart. */
export function yearRows(data: GrowthData): YearRow[] {
  const rows: YearRow[] = [];
  for (let year = data.firstYear; year <= data.lastYear; year++) {
    rows.push({
      year,
      partners: pointAt(data, 'partners', year) ?? 0,
      exchanges: pointAt(data, 'exchanges', year) ?? 0,
    });
  }
  return rows;
}
