// Dataset rules for figures: every quantity says which year it refers to and where it comes from, and no
// impact figure is a sum of figures that must not be added. Pure, like the rest of dataset-validation.ts.
import type { Quantity, Sources, Verification } from './common.ts';
import type { Problem } from './dataset-problems.ts';
import type { ImpactFigure } from './impact.ts';
import type { Dataset } from './schema.ts';

// ------------------------------------------------------------------------------------------------ provenance

interface FigureHolder {
  path: string;
  /** What the figure is, for the message: "150000 t/yr", "range 15000–27000 t/yr". */
  figure: string;
  referenceYear: number | undefined;
  source: Sources;
  verification: Verification;
}

function figureOf(quantity: Quantity): string | null {
  if (quantity.value !== null) return `${quantity.value} ${quantity.unit}`;
  if ('band' in quantity) return `range ${quantity.band.min}–${quantity.band.max} ${quantity.unit}`;
  return null;
}

function quantityHolders(dataset: Dataset): FigureHolder[] {
  const holders: FigureHolder[] = [];
  const add = (
    path: string,
    quantity: Quantity,
    record: Omit<FigureHolder, 'path' | 'figure' | 'referenceYear'>,
  ) => {
    const figure = figureOf(quantity);
    const referenceYear = quantity.value !== null || 'band' in quantity ? quantity.referenceYear : undefined;
    if (figure) holders.push({ path, figure, referenceYear, ...record });
  };
  for (const { properties: company } of dataset.companies.features) {
    for (const stream of company.streams) {
      add(`companies[${company.id}].streams[${stream.id}].quantity`, stream.quantity, stream);
    }
  }
  for (const exchange of dataset.exchanges) {
    add(`exchanges[${exchange.id}].quantity`, exchange.quantity, exchange);
    exchange.impact.forEach((impact, i) => {
      holders.push({
        path: `exchanges[${exchange.id}].impact[${i}]`,
        figure: `${impact.value} ${impact.unit}`,
        referenceYear: impact.referenceYear,
        source: impact.source,
        verification: impact.verification,
      });
    });
  }
  for (const figure of dataset.impactFigures) {
    holders.push({
      path: `impactFigures[${figure.id}]`,
      figure: `${figure.value} ${figure.unit}`,
      referenceYear: figure.year,
      source: figure.source,
      verification: figure.verification,
    });
  }
  return holders;
}

const isLink = (source: string) => /^https?:\/\//i.test(source);

/**
 * A figure without a year cannot be put on the timeline or compared with another, and one without a source
 * cannot be checked by someone who knows better. So every known quantity, stored range, exchange impact and
 * impact figure needs its `referenceYear` (an impact figure's `year`), and every figure presented as a fact
 * (any verification but the dataset's own `estimate`) must cite at least one page that can be opened: a
 * bibliographic note alone is not a source a delegation can follow. Estimates carry their reasoning in
 * `source` and are seeded for the secretariat only (see defaultVisibility).
 */
export function checkQuantityProvenance(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  for (const holder of quantityHolders(dataset)) {
    if (holder.referenceYear === undefined) {
      problems.push({
        rule: 'provenance',
        path: holder.path,
        message: `${holder.figure} has no referenceYear: say which year the figure refers to (mark a rough date with referenceYearApproximate)`,
      });
    }
    if (holder.verification !== 'estimate' && !holder.source.some(isLink)) {
      problems.push({
        rule: 'provenance',
        path: holder.path,
        message: `${holder.figure} cites no page that can be checked: add the source's URL`,
      });
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------ sums

/** Figures may be added only when they measure the same thing the same way: same unit, year, method, sources. */
function sameBasis(a: ImpactFigure, b: ImpactFigure): boolean {
  const sources = (f: ImpactFigure) => [...f.source].sort().join('\n');
  return a.unit === b.unit && a.year === b.year && a.method === b.method && sources(a) === sources(b);
}

function differsInYearOrSource(a: ImpactFigure, b: ImpactFigure): boolean {
  return a.year !== b.year || !a.source.some((source) => b.source.includes(source));
}

/** Whether some choice of two or more of `values` adds up to `target` (values are few: one metric, one unit). */
function isSumOfSome(values: readonly number[], target: number): boolean {
  const tolerance = Math.abs(target) * 1e-9;
  const search = (from: number, total: number, count: number): boolean => {
    if (count >= 2 && Math.abs(total - target) <= tolerance) return true;
    for (let i = from; i < values.length; i++) {
      const value = values[i] as number;
      // Figures are non-negative, so once past the target no longer choice can come back to it.
      if (value >= 0 && total + value > target + tolerance) continue;
      if (search(i + 1, total + value, count + 1)) return true;
    }
    return false;
  };
  return search(0, 0, 0);
}

/** Above this many comparable figures the exhaustive search is skipped (2^n choices); the dataset has ~10. */
const MAX_FIGURES_TO_COMBINE = 20;

/**
 * What "an impact figure summed with another" means here, precisely:
 * 1. a figure that declares `sumOf` a figure that is missing, or over figures that differ from it or from
 *    each other in unit, year, method or sources (a total across years or methods is not a fact anyone
 *    published); a headline figure may not declare `sumOf` at all, since headline figures are shown as
 *    published;
 * 2. a headline figure whose value equals the sum of two or more other figures of the same metric and unit
 *    that differ from it in year or source: a "published" total that was in fact added up from figures of
 *    other years or sources (e.g. 1990s fly ash + 2010 gypsum typed in as one headline number).
 */
export function checkImpactSums(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(dataset.impactFigures.map((figure) => [figure.id, figure]));
  for (const figure of dataset.impactFigures) {
    if (!figure.sumOf) continue;
    const path = `impactFigures[${figure.id}].sumOf`;
    if (figure.headline) {
      problems.push({
        rule: 'impact-sum',
        path,
        message:
          'a headline figure is shown as published, so it cannot be a total computed from other figures',
      });
    }
    for (const partId of figure.sumOf) {
      const part = byId.get(partId);
      if (!part) {
        problems.push({ rule: 'impact-sum', path, message: `no impact figure with id "${partId}" to add` });
      } else if (!sameBasis(part, figure)) {
        problems.push({
          rule: 'impact-sum',
          path,
          message: `adds "${partId}" (${part.value} ${part.unit}, ${part.year}, ${part.method}) to a figure of another unit, year, method or source (${figure.unit}, ${figure.year}, ${figure.method})`,
        });
      }
    }
  }
  for (const figure of dataset.impactFigures.filter((f) => f.headline)) {
    const others = dataset.impactFigures.filter(
      (other) =>
        other.id !== figure.id &&
        other.metric === figure.metric &&
        other.unit === figure.unit &&
        differsInYearOrSource(other, figure),
    );
    if (others.length < 2 || others.length > MAX_FIGURES_TO_COMBINE) continue;
    if (
      isSumOfSome(
        others.map((other) => other.value),
        figure.value,
      )
    ) {
      problems.push({
        rule: 'impact-sum',
        path: `impactFigures[${figure.id}].value`,
        message: `${figure.value} ${figure.unit} equals a sum of other ${figure.metric} figures of other years or sources: a headline figure must be a published figure, not a total across them`,
      });
    }
  }
  return problems;
}
