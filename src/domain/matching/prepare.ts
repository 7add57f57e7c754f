// Input preparation: the dataset (GeoJSON or flat rows) turned into lookup tables, once per index. Everything
// the rules in rules.ts decide per company or per stream alone is decided here, so that queries only ever
// look at pairs: which streams take part, who may see them, their quantity in the resource's unit.
import KDBush from 'kdbush';
import type { LocationAccuracy, Quantity } from '../common.ts';
import { type CompanyFeature, isCurrentStream, type StreamDirection } from '../company.ts';
import type { ExchangeStatus } from '../exchange.ts';
import { compareIds } from '../ids.ts';
import type { EstimatedImpact } from '../impact.ts';
import { convertAnnualValue, estimateImpact } from '../impact-factors.ts';
import { ALL_VISIBLE, visibilityRank } from '../visibility.ts';
import { type CachedPoint, cachedPoint } from './distance.ts';
import { canReceive } from './rules.ts';
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

// ——— Prepared lookup tables ———————————————————————————————————————————————————————————————————————————————

/** A company. */
export interface Site extends CachedPoint {
  /** Position in Prepared.sites. */
  index: number;
  id: string;
  visibility: number;
  locationUncertain: boolean;
  /** Its current streams that can take part (a natural source's inputs left out), in dataset order. */
  streams: PreparedStream[];
  /** Exchanges that start here, sorted by id (so "the first" does not depend on row order); null: none. */
  outgoing: PreparedExchange[] | null;
}

export interface PreparedStream {
  /** Position in Prepared.streams: how the search and its collectors refer to a stream. */
  index: number;
  id: string;
  site: Site;
  resource: PreparedResource;
  direction: StreamDirection;
  quantity: Quantity;
  /** The least open of the stream and its company: who may see a candidate it is part of. */
  visibility: number;
  /** A value (in any unit) is known. Without one on either side the fit is neutral. */
  hasValue: boolean;
  /** The value in the resource's canonical unit; NaN when unknown or not convertible. */
  canonicalValue: number;
}

export interface PreparedExchange {
  id: string;
  /** The receiving site's index. */
  to: number;
  resource: PreparedResource;
  status: ExchangeStatus;
  visibility: number;
}

export interface PreparedResource {
  /** Position in Prepared.resources. */
  index: number;
  id: string;
  maxTransportKm: number;
  canonicalUnit: string;
  /**
   * Most matches are unknown: these two read-only objects are shared by all of this resource's unknown
   * candidates instead of being allocated per candidate.
   */
  unknownMatch: Quantity;
  unknownImpact: EstimatedImpact | null;
  /** Its current output (input) streams in dataset order. */
  outputs: PreparedStream[];
  inputs: PreparedStream[];
}

export interface Prepared {
  /** In spatial order (see spatialOrder), not dataset order. */
  sites: Site[];
  siteIndex: Map<string, number>;
  streams: PreparedStream[];
  resources: PreparedResource[];
  resourceById: Map<string, PreparedResource>;
}

const UNCERTAIN_ACCURACIES: ReadonlySet<LocationAccuracy | undefined> = new Set(['region', 'site-unknown']);

function checkPosition(id: string, lon: number, lat: number): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`company ${id} has no valid [lon, lat]: [${lon}, ${lat}]`);
  }
}

function prepareResource(resource: MatchableResource, index: number): PreparedResource {
  const unknownMatch: Quantity = Object.freeze({ value: null, unit: resource.canonicalUnit });
  const unknownImpact = estimateImpact(resource.id, unknownMatch);
  return {
    index,
    id: resource.id,
    maxTransportKm: resource.maxTransportKm,
    canonicalUnit: resource.canonicalUnit,
    unknownMatch,
    unknownImpact: unknownImpact && Object.freeze(unknownImpact),
    outputs: [],
    inputs: [],
  };
}

function canonicalValueOf(quantity: Quantity, canonicalUnit: string): number {
  if (quantity.value === null) return Number.NaN;
  return convertAnnualValue(quantity.value, quantity.unit, canonicalUnit) ?? Number.NaN;
}

function prepareStreams(
  prepared: Prepared,
  company: Pick<MatchableCompany, 'kind' | 'streams'>,
  site: Site,
  seen: Set<string>,
): void {
  const receives = canReceive(company.kind);
  for (const stream of company.streams) {
    if (seen.has(stream.id)) throw new Error(`duplicate stream id ${stream.id}`);
    seen.add(stream.id);
    const resource = prepared.resourceById.get(stream.resourceId);
    const isOutput = stream.direction === 'output';
    if (!resource || !isCurrentStream(stream) || (!isOutput && !receives)) continue;
    const prepStream: PreparedStream = {
      index: prepared.streams.length,
      id: stream.id,
      site,
      resource,
      direction: stream.direction,
      quantity: stream.quantity,
      visibility: Math.max(site.visibility, visibilityRank(stream.visibility)),
      hasValue: stream.quantity.value !== null,
      canonicalValue: canonicalValueOf(stream.quantity, resource.canonicalUnit),
    };
    prepared.streams.push(prepStream);
    site.streams.push(prepStream);
    (isOutput ? resource.outputs : resource.inputs).push(prepStream);
  }
}

function prepareExchanges(prepared: Prepared, exchanges: readonly MatchableExchange[]): void {
  for (const exchange of exchanges) {
    const from = prepared.siteIndex.get(exchange.from);
    const to = prepared.siteIndex.get(exchange.to);
    const resource = prepared.resourceById.get(exchange.resourceId);
    const site = from === undefined ? undefined : prepared.sites[from];
    if (!site || to === undefined || !resource) continue;
    site.outgoing ??= [];
    site.outgoing.push({
      id: exchange.id,
      to,
      resource,
      status: exchange.status,
      visibility: visibilityRank(exchange.visibility),
    });
  }
  for (const site of prepared.sites) site.outgoing?.sort((a, b) => compareIds(a.id, b.id));
}

type CompanyEntry = CompanyFeature | MatchableCompany;

/** The input's companies as they come: GeoJSON features or flat rows. */
function companyList(input: MatchingInput): readonly CompanyEntry[] {
  return 'features' in input.companies ? input.companies.features : input.companies;
}

/** What prepare reads of a company, named alike in a feature's properties and a flat row. */
function fieldsOf(entry: CompanyEntry): CompanyFeature['properties'] | MatchableCompany {
  return 'geometry' in entry ? entry.properties : entry;
}

function lonOf(entry: CompanyEntry): number {
  return 'geometry' in entry ? entry.geometry.coordinates[0] : entry.lon;
}

function latOf(entry: CompanyEntry): number {
  return 'geometry' in entry ? entry.geometry.coordinates[1] : entry.lat;
}

/**
 * The order the sites are prepared in: kdbush's order of their locations, which keeps neighbours together.
 * Queries over all companies visit them in this order, and since the site and stream objects are then also
 * allocated side by side, consecutive searches find what they read still in the processor's cache.
 */
function spatialOrder(list: readonly CompanyEntry[]): ArrayLike<number> {
  if (list.length === 0) return [];
  const kd = new KDBush(list.length, 8);
  for (const entry of list) {
    const lon = lonOf(entry);
    const lat = latOf(entry);
    checkPosition(fieldsOf(entry).id, lon, lat);
    kd.add(lon, lat);
  }
  return kd.finish().ids;
}

export function prepare(input: MatchingInput): Prepared {
  const resources = input.resources.map(prepareResource);
  const prepared: Prepared = {
    sites: [],
    siteIndex: new Map(),
    streams: [],
    resources,
    resourceById: new Map(resources.map((resource) => [resource.id, resource])),
  };
  const seenStreams = new Set<string>();
  const list = companyList(input);
  const order = spatialOrder(list);
  for (let i = 0; i < order.length; i++) {
    const entry = list[order[i] ?? 0];
    if (!entry) continue;
    const company = fieldsOf(entry);
    if (prepared.siteIndex.has(company.id)) throw new Error(`duplicate company id ${company.id}`);
    const { lon, lat, cosLat } = cachedPoint(lonOf(entry), latOf(entry));
    const site: Site = {
      index: prepared.sites.length,
      id: company.id,
      lon,
      lat,
      cosLat,
      visibility: visibilityRank(company.visibility),
      locationUncertain: UNCERTAIN_ACCURACIES.has(company.locationAccuracy),
      streams: [],
      outgoing: null,
    };
    prepared.siteIndex.set(company.id, site.index);
    prepared.sites.push(site);
    prepareStreams(prepared, company, site, seenStreams);
  }
  prepareExchanges(prepared, input.exchanges);
  return prepared;
}

// ——— Options ——————————————————————————————————————————————————————————————————————————————————————————————

export interface ResolvedOptions {
  /** Whether a resource takes part (all, one, or none for an unknown id), by PreparedResource.index. */
  resources: boolean[];
  maxKm: number;
  limit: number;
  includeExisting: boolean;
  viewer: number;
}

export function checkLimit(limit: number | undefined, name = 'limit'): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`${name} must be an integer ≥ 0, got ${limit}`);
  }
  return limit;
}

export function resolveOptions(prepared: Prepared, options: CandidateOptions): ResolvedOptions {
  const { maxKm } = options;
  if (maxKm !== undefined && !(maxKm >= 0)) throw new RangeError(`maxKm must be a number ≥ 0, got ${maxKm}`);
  const only = options.resourceId;
  return {
    resources: prepared.resources.map((resource) => only === undefined || resource.id === only),
    maxKm: maxKm ?? Number.POSITIVE_INFINITY,
    limit: checkLimit(options.limit),
    includeExisting: options.includeExisting ?? true,
    viewer: options.visibleTo === undefined ? ALL_VISIBLE : visibilityRank(options.visibleTo),
  };
}

/** How far this resource is matched under these options: its transport limit, capped by `maxKm`. */
export function effectiveMaxKm(resource: PreparedResource, options: ResolvedOptions): number {
  return Math.min(resource.maxTransportKm, options.maxKm);
}
