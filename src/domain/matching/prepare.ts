// Input preparation: the dataset (GeoJSON or flat rows) turned into lookup tables built once per index.
import type { LocationAccuracy, Quantity, Visibility } from '../common.ts';
import { VISIBILITIES } from '../common.ts';
import type { CompanyFeature, StreamDirection } from '../company.ts';
import type { ExchangeStatus } from '../exchange.ts';
import type { Position } from '../geojson.ts';
import type { EstimatedImpact } from '../impact-factors.ts';
import { estimateImpact } from '../impact-factors.ts';
import { type CachedPoint, cachedPoint } from './distance.ts';
import { canReceive, compareIds, isCurrentStream } from './rules.ts';
import type {
  CandidateOptions,
  MatchableCompany,
  MatchableExchange,
  MatchableResource,
  MatchingDataset,
  MatchingInput,
} from './types.ts';

// ——— Input normalisation ——————————————————————————————————————————————————————————————————————————————————

export function matchableCompanyFromFeature(feature: CompanyFeature): MatchableCompany {
  const [lon, lat] = feature.geometry.coordinates;
  const p = feature.properties;
  return {
    id: p.id,
    lon,
    lat,
    kind: p.kind,
    role: p.role,
    locationAccuracy: p.locationAccuracy,
    visibility: p.visibility,
    streams: p.streams,
  };
}

export function toMatchingDataset(input: MatchingInput): MatchingDataset {
  const { companies, resources, exchanges } = input;
  if ('features' in companies) {
    return { resources, exchanges, companies: companies.features.map(matchableCompanyFromFeature) };
  }
  return { resources, exchanges, companies };
}

// ——— Prepared lookup tables (built once per index) ————————————————————————————————————————————————————————

export const ALL_VISIBLE = VISIBILITIES.length - 1;

export function visibilityRank(visibility: Visibility | undefined): number {
  return visibility ? VISIBILITIES.indexOf(visibility) : 0;
}

/** A set of company indices as a bitset: the around() predicate runs for every point in range. */
export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] ?? 0) | (1 << (index & 31));
}

export function hasBit(bits: Bitset, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

export interface Site extends CachedPoint {
  id: string;
  position: Position;
  visibility: number;
  locationUncertain: boolean;
  /** Current streams that can take part (natural sources' inputs left out), for partner search. */
  streams: PreparedStream[];
  givesIn: PreparedResource[];
  receivesIn: PreparedResource[];
}

export interface PreparedStream {
  id: string;
  resource: PreparedResource;
  direction: StreamDirection;
  quantity: Quantity;
  visibility: number;
}

export interface PreparedExchange {
  id: string;
  status: ExchangeStatus;
  visibility: number;
}

export interface PreparedResource {
  id: string;
  maxTransportKm: number;
  canonicalUnit: string;
  /**
   * Most matches are unknown: these two read-only objects are shared by all of this resource's unknown
   * candidates instead of being allocated per candidate (millions of them on big synthetic datasets).
   */
  unknownMatch: Quantity;
  unknownImpact: EstimatedImpact | null;
  /** Company index → its current output (input) streams of this resource. */
  outputs: Map<number, PreparedStream[]>;
  inputs: Map<number, PreparedStream[]>;
  hasOutput: Bitset;
  hasInput: Bitset;
  /** around() predicates over the bitsets, made once so that queries do not allocate closures. */
  isGiver: (index: number) => boolean;
  isReceiver: (index: number) => boolean;
  /** pairKey(from, to) → exchanges between them for this resource, sorted by id. */
  exchanges: Map<number, PreparedExchange[]>;
}

export interface Prepared {
  sites: Site[];
  siteIndex: Map<string, number>;
  resources: PreparedResource[];
  resourceById: Map<string, PreparedResource>;
  anyOutput: Bitset;
  anyInput: Bitset;
}

export const UNCERTAIN_ACCURACIES: readonly LocationAccuracy[] = ['region', 'site-unknown'];

export function checkPosition(company: MatchableCompany): void {
  const { lon, lat } = company;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`company ${company.id} has no valid [lon, lat]: [${lon}, ${lat}]`);
  }
}

export function bitsetPredicate(bits: Bitset): (index: number) => boolean {
  return (index) => hasBit(bits, index);
}

export function prepareResource(resource: MatchableResource, companyCount: number): PreparedResource {
  const hasOutput = newBitset(companyCount);
  const hasInput = newBitset(companyCount);
  const unknownMatch: Quantity = Object.freeze({ value: null, unit: resource.canonicalUnit });
  const unknownImpact = estimateImpact(resource.id, unknownMatch);
  return {
    id: resource.id,
    maxTransportKm: resource.maxTransportKm,
    canonicalUnit: resource.canonicalUnit,
    unknownMatch,
    unknownImpact: unknownImpact && Object.freeze(unknownImpact),
    outputs: new Map(),
    inputs: new Map(),
    hasOutput,
    hasInput,
    isGiver: bitsetPredicate(hasOutput),
    isReceiver: bitsetPredicate(hasInput),
    exchanges: new Map(),
  };
}

export function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function pairKey(from: number, to: number, companyCount: number): number {
  return from * companyCount + to;
}

export function prepareStreams(
  prepared: Prepared,
  company: MatchableCompany,
  index: number,
  seen: Set<string>,
): void {
  const site = prepared.sites[index];
  if (!site) return;
  const receives = canReceive(company.kind);
  for (const stream of company.streams) {
    if (seen.has(stream.id)) throw new Error(`duplicate stream id ${stream.id}`);
    seen.add(stream.id);
    const resource = prepared.resourceById.get(stream.resourceId);
    const isOutput = stream.direction === 'output';
    if (!resource || !isCurrentStream(stream) || (!isOutput && !receives)) continue;
    const prepStream: PreparedStream = {
      id: stream.id,
      resource,
      direction: stream.direction,
      quantity: stream.quantity,
      visibility: visibilityRank(stream.visibility),
    };
    site.streams.push(prepStream);
    addToList(isOutput ? resource.outputs : resource.inputs, index, prepStream);
    setBit(isOutput ? resource.hasOutput : resource.hasInput, index);
    setBit(isOutput ? prepared.anyOutput : prepared.anyInput, index);
  }
}

/** Each company's resources as giver and receiver, so candidatesFor() does not scan every resource. */
export function linkSitesToResources(prepared: Prepared): void {
  for (const resource of prepared.resources) {
    for (const index of resource.outputs.keys()) prepared.sites[index]?.givesIn.push(resource);
    for (const index of resource.inputs.keys()) prepared.sites[index]?.receivesIn.push(resource);
  }
}

export function prepareExchanges(prepared: Prepared, exchanges: readonly MatchableExchange[]): void {
  const count = prepared.sites.length;
  for (const exchange of exchanges) {
    const from = prepared.siteIndex.get(exchange.from);
    const to = prepared.siteIndex.get(exchange.to);
    const resource = prepared.resourceById.get(exchange.resourceId);
    if (from === undefined || to === undefined || !resource) continue;
    addToList(resource.exchanges, pairKey(from, to, count), {
      id: exchange.id,
      status: exchange.status,
      visibility: visibilityRank(exchange.visibility),
    });
  }
  // Sorted so that "the first existing exchange" does not depend on the order storage returns rows in.
  for (const resource of prepared.resources) {
    for (const list of resource.exchanges.values()) list.sort((a, b) => compareIds(a.id, b.id));
  }
}

export function prepare(input: MatchingInput): Prepared {
  const dataset = toMatchingDataset(input);
  const count = dataset.companies.length;
  const resources = dataset.resources.map((resource) => prepareResource(resource, count));
  const prepared: Prepared = {
    sites: [],
    siteIndex: new Map(),
    resources,
    resourceById: new Map(resources.map((resource) => [resource.id, resource])),
    anyOutput: newBitset(count),
    anyInput: newBitset(count),
  };
  for (const company of dataset.companies) {
    checkPosition(company);
    if (prepared.siteIndex.has(company.id)) throw new Error(`duplicate company id ${company.id}`);
    prepared.siteIndex.set(company.id, prepared.sites.length);
    prepared.sites.push({
      id: company.id,
      ...cachedPoint(company.lon, company.lat),
      position: [company.lon, company.lat],
      visibility: visibilityRank(company.visibility),
      locationUncertain: UNCERTAIN_ACCURACIES.includes(company.locationAccuracy ?? 'exact'),
      streams: [],
      givesIn: [],
      receivesIn: [],
    });
  }
  const seenStreams = new Set<string>();
  dataset.companies.forEach((company, index) => {
    prepareStreams(prepared, company, index, seenStreams);
  });
  linkSitesToResources(prepared);
  prepareExchanges(prepared, dataset.exchanges);
  return prepared;
}

// ——— Options ——————————————————————————————————————————————————————————————————————————————————————————————

export interface ResolvedOptions {
  resources: PreparedResource[];
  maxKm: number;
  limit: number;
  includeExisting: boolean;
  viewer: number;
}

export function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be an integer ≥ 0, got ${limit}`);
  }
  return limit;
}

export function resolveOptions(prepared: Prepared, options: CandidateOptions): ResolvedOptions {
  const { maxKm } = options;
  if (maxKm !== undefined && !(maxKm >= 0)) throw new RangeError(`maxKm must be a number ≥ 0, got ${maxKm}`);
  const only = options.resourceId === undefined ? null : prepared.resourceById.get(options.resourceId);
  return {
    resources: only === null ? prepared.resources : only ? [only] : [],
    maxKm: maxKm ?? Number.POSITIVE_INFINITY,
    limit: checkLimit(options.limit),
    includeExisting: options.includeExisting ?? true,
    viewer: options.visibleTo === undefined ? ALL_VISIBLE : visibilityRank(options.visibleTo),
  };
}

export function effectiveMaxKm(resource: PreparedResource, options: ResolvedOptions): number {
  return Math.min(resource.maxTransportKm, options.maxKm);
}
