import { z } from 'zod';
import { UnitSchema, YearSchema } from './common.ts';
import type { CompanyFeature } from './company.ts';
import type { Exchange } from './exchange.ts';
import { EXCHANGE_STATUSES, ExchangeStatusSchema } from './exchange.ts';
import { type ImpactFigure, ImpactFigureSchema } from './impact.ts';
import { firstExchangeYear, isActiveIn, isEndedYearUnknownIn, isPartnerIn } from './timeline.ts';

const CountSchema = z.int().nonnegative();

/**
 * How many of a year's flowing exchanges have a figure in one unit, and the years those figures refer to.
 * Deliberately a count, not a sum: the figures of one year's exchanges come from different decades,
 * sources and materials (1990s fly ash next to a 2010 gypsum figure and 2009 design capacities), so even
 * a same-unit total would add what no source ever added. Groups that share unit, reference year and source
 * have at most two members in the dataset, and a total of two different materials is not worth a headline.
 * The figures themselves are shown one by one, each with its own year.
 */
export const QuantifiedUnitSchema = z.strictObject({
  unit: UnitSchema,
  /** Flowing exchanges with a figure in this unit: an exact value, or a range. */
  exchanges: CountSchema,
  /** Of those, how many are known (to the caller) only as a range. */
  ranges: CountSchema,
  /** The figures' own reference years, ascending, each once. */
  referenceYears: z.array(YearSchema),
  /** Of those, how many figures give no reference year. */
  undated: CountSchema,
  /** The exchanges counted, so the figures behind a count can be listed and checked. */
  exchangeIds: z.array(z.string()),
});
export type QuantifiedUnit = z.infer<typeof QuantifiedUnitSchema>;

export const YearStatsSchema = z.strictObject({
  year: YearSchema,
  /** Companies whose membership (partnerSince–partnerUntil) covers the year. */
  partners: CountSchema,
  /** Exchanges flowing in the year (see isActiveIn). */
  activeExchanges: CountSchema,
  /** Exchanges that had ended by then, no source saying when: drawn greyed as "ended, year unknown". */
  endedYearUnknown: CountSchema,
  /** Per unit, how many flowing exchanges have a figure; never a sum of the figures. */
  quantified: z.array(QuantifiedUnitSchema),
  /** Flowing exchanges with no figure at all: unknown stays unknown, never zero. */
  exchangesWithUnknownQuantity: CountSchema,
  /** Published headline figures that refer to this year, as published (never summed). */
  publishedFigures: z.array(ImpactFigureSchema),
});
export type YearStats = z.infer<typeof YearStatsSchema>;

/**
 * `computed` is counted from the dataset here; `published` are figures as their sources published them.
 * The two are kept apart and labelled so that a computed count is never mistaken for a published figure,
 * and no number in it adds quantities of different units, years or sources.
 */
export const AtlasStatsSchema = z
  .strictObject({
    basis: z.strictObject({ computed: z.string(), published: z.string() }),
    totals: z.strictObject({
      companies: CountSchema,
      partners: CountSchema,
      registeredPotentials: CountSchema,
      exchangesByStatus: z.record(ExchangeStatusSchema, CountSchema),
    }),
    /** Published: the latest figure of each headline metric and unit, with its year and source. */
    latestHeadlineFigures: z.array(ImpactFigureSchema),
    byYear: z.array(YearStatsSchema),
  })
  .meta({ id: 'Stats' });
export type AtlasStats = z.infer<typeof AtlasStatsSchema>;

/**
 * Per unit, the flowing exchanges that have a figure. From the caller's view: a figure the caller may not
 * see exactly arrives as a band, which still says that a figure exists and in which unit, so it counts
 * here (as a range) without giving anything away.
 */
function quantifiedByUnit(exchanges: readonly Exchange[]): { quantified: QuantifiedUnit[]; unknown: number } {
  const byUnit = new Map<string, Exchange[]>();
  let unknown = 0;
  for (const exchange of exchanges) {
    const quantity = exchange.quantity;
    if (quantity.value === null && !('band' in quantity)) {
      unknown++;
      continue;
    }
    byUnit.set(quantity.unit, [...(byUnit.get(quantity.unit) ?? []), exchange]);
  }
  const quantified = [...byUnit.entries()]
    .map(([unit, members]): QuantifiedUnit => {
      const years = members.map((e) =>
        'referenceYear' in e.quantity ? e.quantity.referenceYear : undefined,
      );
      return {
        unit,
        exchanges: members.length,
        ranges: members.filter((e) => e.quantity.value === null).length,
        referenceYears: [...new Set(years.filter((y): y is number => y !== undefined))].sort((a, b) => a - b),
        undated: years.filter((y) => y === undefined).length,
        exchangeIds: members.map((e) => e.id).sort(),
      };
    })
    .sort((a, b) => b.exchanges - a.exchanges || a.unit.localeCompare(b.unit));
  return { quantified, unknown };
}

function latestPerMetric(figures: readonly ImpactFigure[]): ImpactFigure[] {
  const latest = new Map<string, ImpactFigure>();
  for (const figure of figures.filter((f) => f.headline)) {
    const key = `${figure.metric}|${figure.unit}`;
    const current = latest.get(key);
    if (!current || figure.year > current.year) latest.set(key, figure);
  }
  return [...latest.values()].sort(
    (a, b) => a.metric.localeCompare(b.metric) || a.unit.localeCompare(b.unit),
  );
}

/** Headline totals and the year-by-year series the timeline plays, from what the caller may see. */
export function computeStats(
  companies: readonly CompanyFeature[],
  exchanges: readonly Exchange[],
  impactFigures: readonly ImpactFigure[],
  currentYear: number,
): AtlasStats {
  const exchangesByStatus = Object.fromEntries(EXCHANGE_STATUSES.map((status) => [status, 0])) as Record<
    (typeof EXCHANGE_STATUSES)[number],
    number
  >;
  for (const exchange of exchanges) exchangesByStatus[exchange.status]++;

  const firstYear = firstExchangeYear(exchanges);
  const byYear: YearStats[] = [];
  if (firstYear !== null) {
    for (let year = firstYear; year <= currentYear; year++) {
      const active = exchanges.filter((exchange) => isActiveIn(exchange, year));
      const { quantified, unknown } = quantifiedByUnit(active);
      byYear.push({
        year,
        partners: companies.filter((company) => isPartnerIn(company.properties, year)).length,
        activeExchanges: active.length,
        endedYearUnknown: exchanges.filter((exchange) => isEndedYearUnknownIn(exchange, year)).length,
        quantified,
        exchangesWithUnknownQuantity: unknown,
        publishedFigures: impactFigures.filter((figure) => figure.headline && figure.year === year),
      });
    }
  }

  return {
    basis: {
      computed:
        'totals and byYear counts are counted from the exchanges and companies in the atlas; quantified ' +
        'counts exchanges with a figure per unit and never adds the figures',
      published:
        'latestHeadlineFigures and publishedFigures are figures as published, each with its source and year',
    },
    totals: {
      companies: companies.length,
      partners: companies.filter((company) => company.properties.role === 'partner').length,
      registeredPotentials: companies.filter((company) => company.properties.role === 'registered-potential')
        .length,
      exchangesByStatus,
    },
    latestHeadlineFigures: latestPerMetric(impactFigures),
    byYear,
  };
}
