// Pure checks of the seed dataset: parsed JSON in, a list of problems out. No I/O and no clock, so the same
// functions serve the CLI, the tests and (later) the server when it seeds its store.
import type { z } from 'zod';
import type { MunicipalityBoundaries } from './boundaries.ts';
import { CompanyCollectionSchema } from './company.ts';
import type { Bounds, Problem } from './dataset-problems.ts';
import { ExchangeListSchema } from './exchange.ts';
import { checkBounds, checkGeoJson, checkMunicipalities } from './geo-checks.ts';
import { ImpactFigureListSchema } from './impact.ts';
import { checkExchangeLifetimes, checkMemberships } from './lifetime-checks.ts';
import { PlaceCollectionSchema } from './place.ts';
import { checkImpactSums, checkQuantityProvenance } from './quantity-checks.ts';
import { ResourceListSchema } from './resource.ts';
import type { Dataset } from './schema.ts';
import { isMoreOpen } from './visibility.ts';

export { type Bounds, PROBLEM_RULES, type Problem, type ProblemRule } from './dataset-problems.ts';

/** The dataset as parsed JSON, before any validation. `places` is optional: the basemap owns that file. */
export interface RawDataset {
  resources: unknown;
  companies: unknown;
  exchanges: unknown;
  impactFigures: unknown;
  places?: unknown;
}

/**
 * Every node of this dataset lies in Europe (Aalborg, Fredericia and western Norway included). A Danish point
 * with swapped coordinates ([55.7, 11.1]) is still a valid position, so this box is what catches it.
 */
export const DATASET_BOUNDS: Bounds = [-25, 34, 45, 72];

export interface CheckOptions {
  /** Passed in rather than read from a clock, so that results are reproducible. */
  currentYear: number;
  /**
   * Municipality boundaries (geodata/municipalities.geojson); without them the municipality check is skipped.
   * The validator CLI and the dataset test always pass them: only unit tests of other rules leave them out.
   */
  boundaries?: MunicipalityBoundaries | null;
  datasetBounds?: Bounds;
}

export interface ParseResult {
  /** null when any part fails its schema: the cross-record checks need every part. */
  dataset: Dataset | null;
  problems: Problem[];
}

export function parseDataset(raw: RawDataset): ParseResult {
  const problems: Problem[] = [];
  const resources = parsePart(ResourceListSchema, raw.resources, 'resources', problems);
  const companies = parsePart(CompanyCollectionSchema, raw.companies, 'companies', problems);
  const exchanges = parsePart(ExchangeListSchema, raw.exchanges, 'exchanges', problems);
  const impactFigures = parsePart(ImpactFigureListSchema, raw.impactFigures, 'impactFigures', problems);
  const hasPlaces = raw.places !== undefined && raw.places !== null;
  const places = hasPlaces ? parsePart(PlaceCollectionSchema, raw.places, 'places', problems) : null;
  if (!resources || !companies || !exchanges || !impactFigures || (hasPlaces && !places)) {
    return { dataset: null, problems };
  }
  return { dataset: { resources, companies, exchanges, impactFigures, places }, problems };
}

/** Schema first, then every cross-record rule. */
export function validateDataset(raw: RawDataset, options: CheckOptions): Problem[] {
  const { dataset, problems } = parseDataset(raw);
  return dataset ? [...problems, ...checkDataset(dataset, options)] : problems;
}

export function checkDataset(dataset: Dataset, options: CheckOptions): Problem[] {
  return [
    ...checkDuplicates(dataset),
    ...checkGeoJson(dataset),
    ...checkBounds(dataset, options.datasetBounds ?? DATASET_BOUNDS),
    ...checkReferences(dataset),
    ...checkYears(dataset, options.currentYear),
    ...checkStatuses(dataset),
    ...checkVisibility(dataset),
    ...checkPalette(dataset),
    ...(options.boundaries ? checkMunicipalities(dataset, options.boundaries) : []),
    ...checkQuantityProvenance(dataset),
    ...checkImpactSums(dataset),
    ...checkExchangeLifetimes(dataset, options.currentYear),
    ...checkMemberships(dataset),
  ];
}

// ------------------------------------------------------------------------------------------------ schema

function parsePart<T>(schema: z.ZodType<T>, value: unknown, part: string, problems: Problem[]): T | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ rule: 'schema', path: formatPath(part, issue.path, value), message: issue.message });
  }
  return null;
}

/** Names the record by its id when it has one: `companies[asnaes-power-station].properties.website`. */
function formatPath(part: string, path: readonly PropertyKey[], value: unknown): string {
  const [first, second, ...rest] = path;
  if (first === 'features' && typeof second === 'number') {
    const id = idAt(value, ['features', second, 'properties', 'id']);
    return `${part}[${id ?? second}]${suffix(rest)}`;
  }
  if (typeof first === 'number') {
    const id = idAt(value, [first, 'id']);
    return `${part}[${id ?? first}]${suffix(second === undefined ? [] : [second, ...rest])}`;
  }
  return `${part}${suffix(path)}`;
}

function suffix(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

function idAt(value: unknown, path: readonly (string | number)[]): string | null {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return null;
    current = (current as Record<string | number, unknown>)[key];
  }
  return typeof current === 'string' && current.length > 0 ? current : null;
}

// ------------------------------------------------------------------------------------------------ ids

export function checkDuplicates(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const companies = dataset.companies.features.map((f) => f.properties);
  const lists: [string, string[]][] = [
    ['resources', dataset.resources.map((r) => r.id)],
    ['companies', companies.map((c) => c.id)],
    ['streams', companies.flatMap((c) => c.streams.map((s) => s.id))],
    ['exchanges', dataset.exchanges.map((e) => e.id)],
    ['impactFigures', dataset.impactFigures.map((f) => f.id)],
    ['places', dataset.places?.features.map((f) => f.properties.id) ?? []],
  ];
  for (const [part, ids] of lists) {
    for (const id of repeated(ids)) {
      problems.push({
        rule: 'duplicate-id',
        path: `${part}[${id}]`,
        message: `id "${id}" is used more than once`,
      });
    }
  }
  return problems;
}

function repeated(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

// ------------------------------------------------------------------------------------------------ references

export function checkReferences(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const resourceIds = new Set(dataset.resources.map((r) => r.id));
  const companyIds = new Set(dataset.companies.features.map((f) => f.properties.id));
  for (const exchange of dataset.exchanges) {
    const path = `exchanges[${exchange.id}]`;
    for (const end of ['from', 'to'] as const) {
      if (!companyIds.has(exchange[end])) {
        problems.push({
          rule: 'reference',
          path: `${path}.${end}`,
          message: `no company with id "${exchange[end]}"`,
        });
      }
    }
    if (exchange.from === exchange.to) {
      problems.push({
        rule: 'reference',
        path: `${path}.to`,
        message: 'an exchange needs two different ends',
      });
    }
    if (!resourceIds.has(exchange.resourceId)) {
      problems.push({
        rule: 'reference',
        path: `${path}.resourceId`,
        message: `no resource with id "${exchange.resourceId}"`,
      });
    }
  }
  for (const feature of dataset.companies.features) {
    for (const stream of feature.properties.streams) {
      if (!resourceIds.has(stream.resourceId)) {
        problems.push({
          rule: 'reference',
          path: `companies[${feature.properties.id}].streams[${stream.id}].resourceId`,
          message: `no resource with id "${stream.resourceId}"`,
        });
      }
    }
  }
  for (const figure of dataset.impactFigures) {
    for (const companyId of figure.companyIds ?? []) {
      if (!companyIds.has(companyId)) {
        problems.push({
          rule: 'reference',
          path: `impactFigures[${figure.id}].companyIds`,
          message: `no company with id "${companyId}"`,
        });
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------ years

interface Span {
  path: string;
  start: number | null;
  end: number | null;
  /** Whether the start has to lie in the past (it has, unless the record is planned). */
  startHasHappened: boolean;
}

export function checkYears(dataset: Dataset, currentYear: number): Problem[] {
  const spans: Span[] = [];
  const referenceYears: [string, number | undefined][] = [];
  for (const { properties: company } of dataset.companies.features) {
    const path = `companies[${company.id}]`;
    spans.push({ path, start: company.partnerSince, end: company.partnerUntil, startHasHappened: true });
    company.aliases.forEach((alias, i) => {
      spans.push({
        path: `${path}.aliases[${i}]`,
        start: alias.fromYear ?? null,
        end: alias.toYear ?? null,
        startHasHappened: true,
      });
    });
    for (const stream of company.streams) {
      const streamPath = `${path}.streams[${stream.id}]`;
      spans.push({
        path: streamPath,
        start: stream.startYear,
        end: stream.endYear,
        startHasHappened: stream.status !== 'planned',
      });
      referenceYears.push([`${streamPath}.quantity`, referenceYear(stream.quantity)]);
    }
  }
  for (const exchange of dataset.exchanges) {
    const path = `exchanges[${exchange.id}]`;
    spans.push({
      path,
      start: exchange.startYear,
      end: exchange.endYear,
      startHasHappened: exchange.status === 'existing' || exchange.status === 'historic',
    });
    referenceYears.push([`${path}.quantity`, referenceYear(exchange.quantity)]);
    exchange.impact.forEach((impact, i) => {
      referenceYears.push([`${path}.impact[${i}]`, impact.referenceYear]);
    });
  }
  for (const figure of dataset.impactFigures) {
    referenceYears.push([`impactFigures[${figure.id}]`, figure.year]);
  }

  const problems: Problem[] = [];
  for (const span of spans) {
    const { path, start, end } = span;
    if (start !== null && end !== null && end < start) {
      problems.push({ rule: 'years', path, message: `ends (${end}) before it starts (${start})` });
    }
    if (end !== null && end > currentYear) {
      problems.push({
        rule: 'years',
        path,
        message: `end year ${end} is after the current year ${currentYear}`,
      });
    }
    if (span.startHasHappened && start !== null && start > currentYear) {
      problems.push({
        rule: 'years',
        path,
        message: `start year ${start} is after the current year ${currentYear}`,
      });
    }
  }
  for (const [path, year] of referenceYears) {
    if (year !== undefined && year > currentYear) {
      problems.push({
        rule: 'years',
        path,
        message: `year ${year} is after the current year ${currentYear}`,
      });
    }
  }
  return problems;
}

function referenceYear(quantity: { value: number | null; referenceYear?: number }): number | undefined {
  return quantity.value === null ? undefined : quantity.referenceYear;
}

// ------------------------------------------------------------------------------------------------ status

export function checkStatuses(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  for (const exchange of dataset.exchanges) {
    const path = `exchanges[${exchange.id}].endYear`;
    if (exchange.endYear !== null && exchange.status !== 'historic') {
      problems.push({
        rule: 'status',
        path,
        message: `has an end year (${exchange.endYear}) but its status is "${exchange.status}", not "historic"`,
      });
    }
  }
  for (const { properties: company } of dataset.companies.features) {
    if (company.role === 'partner' && company.partnerUntil !== null) {
      problems.push({
        rule: 'status',
        path: `companies[${company.id}].partnerUntil`,
        message: `a current partner cannot have left (${company.partnerUntil}); use role "former-partner"`,
      });
    }
    for (const stream of company.streams) {
      if (stream.endYear !== null && stream.status !== 'historic') {
        problems.push({
          rule: 'status',
          path: `companies[${company.id}].streams[${stream.id}].endYear`,
          message: `has an end year (${stream.endYear}) but its status is "${stream.status}", not "historic"`,
        });
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------ visibility

/** A record may not be shown to more people than the companies it is about. */
export function checkVisibility(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const visibilityOf = new Map(
    dataset.companies.features.map((f) => [f.properties.id, f.properties.visibility]),
  );
  for (const exchange of dataset.exchanges) {
    for (const end of ['from', 'to'] as const) {
      const companyVisibility = visibilityOf.get(exchange[end]);
      if (companyVisibility && isMoreOpen(exchange.visibility, companyVisibility)) {
        problems.push({
          rule: 'visibility',
          path: `exchanges[${exchange.id}].visibility`,
          message: `is "${exchange.visibility}" but its ${end} company "${exchange[end]}" is only "${companyVisibility}"`,
        });
      }
    }
  }
  for (const { properties: company } of dataset.companies.features) {
    for (const stream of company.streams) {
      if (isMoreOpen(stream.visibility, company.visibility)) {
        problems.push({
          rule: 'visibility',
          path: `companies[${company.id}].streams[${stream.id}].visibility`,
          message: `is "${stream.visibility}" but the company is only "${company.visibility}"`,
        });
      }
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------ palette

/** Two resources with one colour would be indistinguishable on the map and in the legend. */
export function checkPalette(dataset: Dataset): Problem[] {
  return repeated(dataset.resources.map((r) => r.colour.toUpperCase())).map((colour) => ({
    rule: 'palette',
    path: 'resources',
    message: `colour ${colour} is used by ${dataset.resources
      .filter((r) => r.colour.toUpperCase() === colour)
      .map((r) => r.id)
      .join(', ')}`,
  }));
}
