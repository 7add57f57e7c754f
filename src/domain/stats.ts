import type { CompanyFeature } from './company.ts';
import type { Exchange, ExchangeStatus } from './exchange.ts';
import { EXCHANGE_STATUSES } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import { firstExchangeYear, isActiveIn, isPartnerIn } from './timeline.ts';

export interface YearStats {
  year: number;
  partners: number;
  activeExchanges: number;
  /**
   * Sum of the known quantities of the exchanges active that year, per unit. Only quantities of the same
   * year's active exchanges are added, and only within one unit; exchanges of unknown quantity are counted
   * in `exchangesWithUnknownQuantity` instead of being taken as zero. Computed from the caller's view, where
   * a quantity the caller may not see exactly is a band with `value: null`: it is counted as unknown, never
   * added, so a total never gives a hidden figure away.
   */
  sourcedQuantities: Record<string, number>;
  exchangesWithUnknownQuantity: number;
  /**
   * CO₂ avoided per year by the active exchanges that have a sourced CO₂ figure of their own, added up, with
   * how many exchanges that covers. A computed partial sum, never a headline figure.
   */
  sourcedCo2: { tonnesPerYear: number; exchanges: number } | null;
  /** Published headline figures that refer to this year, as published (never summed). */
  publishedFigures: ImpactFigure[];
}

/**
 * `computed` is counted from the dataset here; `published` are figures as their sources published them.
 * The two are kept apart and labelled so that a computed total is never mistaken for a published one.
 */
export interface AtlasStats {
  basis: { computed: string; published: string };
  totals: {
    companies: number;
    partners: number;
    registeredPotentials: number;
    exchangesByStatus: Record<ExchangeStatus, number>;
  };
  /** Published: the latest figure of each headline metric, with its year and source. */
  latestHeadlineFigures: ImpactFigure[];
  byYear: YearStats[];
}

function quantityTotals(exchanges: readonly Exchange[]) {
  const totals: Record<string, number> = {};
  let unknown = 0;
  for (const exchange of exchanges) {
    if (exchange.quantity.value === null) unknown++;
    else totals[exchange.quantity.unit] = (totals[exchange.quantity.unit] ?? 0) + exchange.quantity.value;
  }
  return { totals, unknown };
}

function sourcedCo2(exchanges: readonly Exchange[]): YearStats['sourcedCo2'] {
  let tonnes = 0;
  let count = 0;
  for (const exchange of exchanges) {
    const co2 = exchange.impact.find((impact) => impact.metric === 'co2' && /t\b/.test(impact.unit));
    if (co2) {
      tonnes += co2.value;
      count++;
    }
  }
  return count > 0 ? { tonnesPerYear: tonnes, exchanges: count } : null;
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
    ExchangeStatus,
    number
  >;
  for (const exchange of exchanges) exchangesByStatus[exchange.status]++;

  const firstYear = firstExchangeYear(exchanges);
  const byYear: YearStats[] = [];
  if (firstYear !== null) {
    for (let year = firstYear; year <= currentYear; year++) {
      const active = exchanges.filter((exchange) => isActiveIn(exchange, year));
      const { totals, unknown } = quantityTotals(active);
      byYear.push({
        year,
        partners: companies.filter((company) => isPartnerIn(company.properties, year)).length,
        activeExchanges: active.length,
        sourcedQuantities: totals,
        exchangesWithUnknownQuantity: unknown,
        sourcedCo2: sourcedCo2(active),
        publishedFigures: impactFigures.filter((figure) => figure.headline && figure.year === year),
      });
    }
  }

  return {
    basis: {
      computed: 'totals and byYear counts are computed from the exchanges and companies in the atlas',
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
