import type { ImpactFigure } from '../../domain/impact.ts';
import type { AtlasStats, QuantifiedUnit } from '../../domain/stats.ts';

/**
 * What the counters show for one year: counts from the records, and the published headline figures as
 * they were published by then. Nothing here is a sum of quantities: the quantified entries are counts of
 * exchanges with a figure per unit, and a published figure is one source's number, with its own year.
 */
export interface Counters {
  year: number;
  partners: number;
  flowingExchanges: number;
  endedYearUnknown: number;
  quantified: QuantifiedUnit[];
  exchangesWithUnknownQuantity: number;
  /** The latest headline figure of each metric and unit published up to `year` (ties all kept). */
  published: ImpactFigure[];
}

/** The published headline figures a presenter may quote for `year`: the latest of each metric and unit. */
export function publishedAsOf(stats: AtlasStats, year: number): ImpactFigure[] {
  const latest = new Map<string, ImpactFigure[]>();
  for (const entry of stats.byYear) {
    if (entry.year > year) break;
    for (const figure of entry.publishedFigures) {
      const key = `${figure.metric}|${figure.unit}`;
      const current = latest.get(key);
      if (!current || (current[0]?.year ?? 0) < figure.year) latest.set(key, [figure]);
      else if (current[0]?.year === figure.year) current.push(figure);
    }
  }
  return [...latest.values()].flat();
}

/** The counters for `year`, or null when the series does not reach it (no data yet). */
export function countersFor(stats: AtlasStats | undefined, year: number): Counters | null {
  const entry = stats?.byYear.find((y) => y.year === year);
  if (!stats || !entry) return null;
  return {
    year,
    partners: entry.partners,
    flowingExchanges: entry.activeExchanges,
    endedYearUnknown: entry.endedYearUnknown,
    quantified: entry.quantified,
    exchangesWithUnknownQuantity: entry.exchangesWithUnknownQuantity,
    published: publishedAsOf(stats, year),
  };
}
