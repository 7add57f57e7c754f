// The matching engine: which side-streams could flow between which companies, how good each match is, and what
// it would be worth. Pure: plain data in (the parsed geodata, or rows from storage), candidates out; no I/O.
//
// WHO TAKES PART
// - A candidate is an output stream ("has it") × an input stream ("needs it") of the same resource, in two
//   different companies, at most the resource's `maxTransportKm` apart (turf great-circle distance, km,
//   inclusive). `options.maxKm` can only narrow that distance, never widen it.
// - Only current streams count: status `active` or `planned`. A `historic` stream is something a company no
//   longer has or needs, so it can no longer be matched (its exchanges stay on the timeline).
// - A `natural-source` (Lake Tissø) can give but never receive: water is taken from a lake, nothing is
//   "delivered" to it, so any input stream it carries is ignored. Every other kind can do both.
// - Role does not exclude anyone. A former partner with a current stream is exactly who the secretariat may
//   win back, an `external` counterparty (a recycler, a CO₂ store abroad) is a real end of a flow, and
//   distance already keeps far-away nodes out. The stream's status is the signal, not the company's role.
// - Streams of a resource the dataset does not define are ignored: without its transport distance there is
//   no sensible cut-off.
//
// SCORE (in [0, 1]; each part is rounded to 3 decimals and exported so the UI can explain a score)
//   score = distanceDecay × quantityFit × noveltyFactor
// - distanceDecay = 2^(−3·d / maxTransportKm): halves every third of the resource's own transport distance,
//   so 1 next door, 0.5 at a third, 0.125 at the limit. Exponential rather than linear (1 − d/max) because
//   (a) transport cost and losses compound per km (heat in a pipe cools exponentially with length), and
//   (b) it stays above zero inside the limit, so a zero score always means "already linked", never "far".
//   It uses the resource's distance even when `maxKm` narrows the search, so narrowing never changes scores.
// - quantityFit = matched / max(output, input) when both quantities are known in comparable units: 1 when
//   the giver's surplus exactly covers the receiver's need, low when one side would need many partners.
//   When either is unknown the fit is NEUTRAL_QUANTITY_FIT (0.5): no evidence either way, and an unknown is
//   never treated as 0.
// - noveltyFactor = 0 when an exchange with status `existing` or `proposed` already links these two
//   companies (in this direction) with this resource: the candidate is still returned, flagged
//   `existingExchangeId`, so the UI can show it as already flowing / already pursued. 0.25 when such an
//   exchange was `rejected` (flag `previouslyRejected`): it was looked at and dropped, so it ranks low but
//   stays visible. 1 otherwise. A recorded exchange with status `candidate` (an announced possibility) does
//   not lower novelty; it is linked through `recordedCandidateId`. `historic` exchanges do not count: the
//   streams' own status already says whether the flow could come back.
//
// QUANTITIES AND UNITS
// - matched = min(output, input), expressed in the resource's canonical unit when both sides convert to it
//   exactly (MWh/yr ↔ GJ/yr with 1 MWh = 3.6 GJ, t ↔ kt); failing that, in their common unit when both use
//   the same one; otherwise `{ value: null, unit: canonical }` — unknown stays unknown.
// - The estimated impact is matched × the resource's factor from impact-factors.ts, with its source; null
//   when the resource has no factor (never invented); a null value when the matched quantity is unknown.
//
// ORDER: score desc, then distance asc, then candidate id, so results are deterministic.
//
// VISIBILITY: with `visibleTo`, companies, streams and exchanges the caller may not see take no part (a hidden
// existing exchange then does not lower novelty). Every candidate says who may see it: the least open of its
// two companies and two streams.
//
// Candidates are read-only: an unknown matched quantity, its impact and the neutral score parts are frozen
// objects shared between candidates, because big runs make millions of them.
//
// SPATIAL INDEX: one kdbush index over all company locations, queried with geokdbush `around()` per output
// company and resource, with a predicate that tests a precomputed bitset of the companies that have an input
// of that resource. The index is an immutable snapshot: rebuild it (milliseconds) after a write.
import { distance } from '@turf/turf';
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { LocationAccuracy, Quantity, Visibility } from './common.ts';
import { VISIBILITIES } from './common.ts';
import type {
  CompanyCollection,
  CompanyFeature,
  CompanyKind,
  CompanyRole,
  StreamDirection,
  StreamStatus,
} from './company.ts';
import type { Exchange, ExchangeStatus } from './exchange.ts';
import type { Position } from './geojson.ts';
import type { EstimatedImpact } from './impact-factors.ts';
import { convertAnnualValue, estimateImpact } from './impact-factors.ts';
import type { Resource } from './resource.ts';

// ——— Inputs ———————————————————————————————————————————————————————————————————————————————————————————————

export interface MatchableStream {
  id: string;
  direction: StreamDirection;
  resourceId: string;
  status: StreamStatus;
  quantity: Quantity;
  /** Missing means public. */
  visibility?: Visibility;
}

/** The minimum the engine needs of a company, so storage can feed rows without building GeoJSON. */
export interface MatchableCompany {
  id: string;
  lon: number;
  lat: number;
  kind: CompanyKind;
  /** Informational: role never excludes a company (see the rules at the top of this file). */
  role?: CompanyRole;
  /** `region` and `site-unknown` mark the candidate `locationUncertain`. */
  locationAccuracy?: LocationAccuracy;
  /** Missing means public. */
  visibility?: Visibility;
  streams: readonly MatchableStream[];
}

export type MatchableResource = Pick<Resource, 'id' | 'maxTransportKm' | 'canonicalUnit'>;

export interface MatchableExchange extends Pick<Exchange, 'id' | 'from' | 'to' | 'resourceId' | 'status'> {
  visibility?: Visibility;
}

export interface MatchingDataset {
  companies: readonly MatchableCompany[];
  resources: readonly MatchableResource[];
  exchanges: readonly MatchableExchange[];
}

/** The parsed geodata (Dataset or the parts of it matching needs) or the flat form. */
export type MatchingInput =
  | MatchingDataset
  | {
      companies: CompanyCollection;
      resources: readonly MatchableResource[];
      exchanges: readonly MatchableExchange[];
    };

export interface CandidateOptions {
  /** Only this resource. An unknown id gives no candidates. */
  resourceId?: string;
  /** Caps each resource's own `maxTransportKm` (km, ≥ 0); it never extends it. */
  maxKm?: number;
  /** At most this many candidates (the best ones); an integer ≥ 0. */
  limit?: number;
  /** Include candidates already linked by an existing or proposed exchange (score 0). Default true. */
  includeExisting?: boolean;
  /** Only companies, streams and exchanges a caller with this level may see. Default: all. */
  visibleTo?: Visibility;
}

// ——— Outputs ——————————————————————————————————————————————————————————————————————————————————————————————

export interface ScoreParts {
  distanceDecay: number;
  quantityFit: number;
  noveltyFactor: number;
}

export interface CandidateExchange {
  /** `cand-${outputStreamId}--${inputStreamId}`: stable across runs and across storage backends. */
  id: string;
  fromCompanyId: string;
  toCompanyId: string;
  outputStreamId: string;
  inputStreamId: string;
  resourceId: string;
  /** Great-circle distance, 2 decimals. */
  distanceKm: number;
  /** The resource's transport limit the distance decay is measured against. */
  maxTransportKm: number;
  matchedQuantity: Quantity;
  /** 3 decimals: distanceDecay × quantityFit × noveltyFactor of the rounded parts. */
  score: number;
  scoreParts: ScoreParts;
  impact: EstimatedImpact | null;
  /** An exchange with status existing (preferred) or proposed already links the pair with this resource. */
  existingExchangeId?: string;
  existingExchangeStatus?: 'existing' | 'proposed';
  /** A recorded exchange with status `candidate` for the same pair and resource. */
  recordedCandidateId?: string;
  previouslyRejected: boolean;
  rejectedExchangeId?: string;
  /** One end's point is only a representative (`region`) or stand-in (`site-unknown`) location. */
  locationUncertain: boolean;
  /** The least open visibility of the two companies and two streams. */
  visibility: Visibility;
}

export interface PartnerQuery {
  lon: number;
  lat: number;
  /** Only companies at most this far (km, inclusive). */
  radiusKm: number;
  resourceId?: string;
  /** What the searcher is looking for: 'output' = companies that HAVE it, 'input' = companies that NEED it. */
  direction?: StreamDirection;
  limit?: number;
  /** What the searcher has or needs, to rank by quantity fit; without it every fit is neutral. */
  quantity?: Quantity;
  /** The searcher's own company, so it does not find itself. */
  excludeCompanyId?: string;
  visibleTo?: Visibility;
}

export interface PartnerStream {
  streamId: string;
  resourceId: string;
  direction: StreamDirection;
  quantity: Quantity;
}

export interface PartnerMatch {
  companyId: string;
  distanceKm: number;
  /** 3 decimals: distanceDecay × quantityFit. */
  score: number;
  scoreParts: Pick<ScoreParts, 'distanceDecay' | 'quantityFit'>;
  /** The company's current streams that satisfy the query's resource and direction. */
  streams: PartnerStream[];
  /** With a resource: whether the partner is within its transport distance; null without one. */
  withinTransportRange: boolean | null;
  locationUncertain: boolean;
}

export interface MatchingIndex {
  readonly companyCount: number;
  /** Candidates in which the company gives or receives. An unknown company has none. */
  candidatesFor(companyId: string, options?: CandidateOptions): CandidateExchange[];
  allCandidates(options?: CandidateOptions): CandidateExchange[];
  /**
   * Companies within `radiusKm` of a point that have a current stream matching the resource and direction.
   * Ranked by score = distanceDecay × quantityFit, then distance, then id. The decay is measured against the
   * resource's transport distance (or the radius without a resource); the fit compares `query.quantity`
   * with the partner's best-fitting stream and is neutral without it, so with no quantity the ranking is
   * by distance alone.
   */
  partnersNear(query: PartnerQuery): PartnerMatch[];
}

// ——— Score parts (exported so the UI can explain a score) ———————————————————————————————————————————————

export const CURRENT_STREAM_STATUSES: readonly StreamStatus[] = ['active', 'planned'];
/** Distance decay halves this many times between 0 km and the resource's transport limit. */
export const DISTANCE_HALVINGS_AT_MAX = 3;
export const NEUTRAL_QUANTITY_FIT = 0.5;
export const NOVELTY_NEW = 1;
export const NOVELTY_PREVIOUSLY_REJECTED = 0.25;
export const NOVELTY_ALREADY_LINKED = 0;

export function isCurrentStream(stream: Pick<MatchableStream, 'status'>): boolean {
  return CURRENT_STREAM_STATUSES.includes(stream.status);
}

/** Nature gives but is not delivered to: see the rules at the top of this file. */
export function canReceive(kind: CompanyKind): boolean {
  return kind !== 'natural-source';
}

/** 2^(−3·d / max), written with exp because it runs once per company pair in the hot loop. */
export function distanceDecay(distanceKm: number, maxTransportKm: number): number {
  return Math.exp((-DISTANCE_HALVINGS_AT_MAX * Math.LN2 * distanceKm) / maxTransportKm);
}

/** The largest distance at which distanceDecay is still ≥ `decay` (the inverse of distanceDecay). */
function distanceForDecay(decay: number, maxTransportKm: number): number {
  return (-Math.log(decay) * maxTransportKm) / (DISTANCE_HALVINGS_AT_MAX * Math.LN2);
}

export interface QuantityMatch {
  matched: Quantity;
  /** matched / max(output, input), or NEUTRAL_QUANTITY_FIT when the match is unknown. */
  fit: number;
}

/** Both values in one unit: the canonical one if both convert to it, else their common unit, else null. */
function commonUnitValues(a: Quantity, b: Quantity, canonicalUnit: string): [number, number, string] | null {
  if (a.value === null || b.value === null) return null;
  const aCanonical = convertAnnualValue(a.value, a.unit, canonicalUnit);
  const bCanonical = convertAnnualValue(b.value, b.unit, canonicalUnit);
  if (aCanonical !== null && bCanonical !== null) return [aCanonical, bCanonical, canonicalUnit];
  return a.unit === b.unit ? [a.value, b.value, a.unit] : null;
}

function isApproximate(quantity: Quantity): boolean {
  return quantity.value !== null && quantity.approximate === true;
}

/** Both zero: there is nothing to move, which is a poor fit rather than a division by zero. */
function ratio(a: number, b: number): number {
  const largest = Math.max(a, b);
  return largest > 0 ? Math.min(a, b) / largest : 0;
}

export function matchQuantities(output: Quantity, input: Quantity, canonicalUnit: string): QuantityMatch {
  const values = commonUnitValues(output, input, canonicalUnit);
  if (!values) return { matched: { value: null, unit: canonicalUnit }, fit: NEUTRAL_QUANTITY_FIT };
  const [outValue, inValue, unit] = values;
  const matchedValue = Math.min(outValue, inValue);
  const matched: Quantity =
    isApproximate(output) || isApproximate(input)
      ? { value: matchedValue, unit, approximate: true }
      : { value: matchedValue, unit };
  return { matched, fit: ratio(outValue, inValue) };
}

/** matchQuantities(…).fit, answering the common cases without building the matched quantity. */
function quickFit(output: Quantity, input: Quantity, canonicalUnit: string): number {
  if (output.value === null || input.value === null) return NEUTRAL_QUANTITY_FIT;
  if (output.unit === canonicalUnit && input.unit === canonicalUnit) return ratio(output.value, input.value);
  return matchQuantities(output, input, canonicalUnit).fit;
}

export function noveltyFactor(links: { alreadyLinked: boolean; previouslyRejected: boolean }): number {
  if (links.alreadyLinked) return NOVELTY_ALREADY_LINKED;
  return links.previouslyRejected ? NOVELTY_PREVIOUSLY_REJECTED : NOVELTY_NEW;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** From the rounded parts, so that the UI multiplying the parts it shows gets the score it shows. */
export function candidateScore(parts: ScoreParts): number {
  return round(parts.distanceDecay * parts.quantityFit * parts.noveltyFactor, 3);
}

export function compareCandidates(a: CandidateExchange, b: CandidateExchange): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  // Code-unit order, not localeCompare: the same on every machine and locale.
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

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

const ALL_VISIBLE = VISIBILITIES.length - 1;

function visibilityRank(visibility: Visibility | undefined): number {
  return visibility ? VISIBILITIES.indexOf(visibility) : 0;
}

/** A set of company indices as a bitset: the around() predicate runs for every point in range. */
type Bitset = Uint32Array;

function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] ?? 0) | (1 << (index & 31));
}

function hasBit(bits: Bitset, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

interface Site extends CachedPoint {
  id: string;
  position: Position;
  visibility: number;
  locationUncertain: boolean;
  /** Current streams that can take part (natural sources' inputs left out), for partner search. */
  streams: PreparedStream[];
  givesIn: PreparedResource[];
  receivesIn: PreparedResource[];
}

interface PreparedStream {
  id: string;
  resource: PreparedResource;
  direction: StreamDirection;
  quantity: Quantity;
  visibility: number;
}

interface PreparedExchange {
  id: string;
  status: ExchangeStatus;
  visibility: number;
}

interface PreparedResource {
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

interface Prepared {
  sites: Site[];
  siteIndex: Map<string, number>;
  resources: PreparedResource[];
  resourceById: Map<string, PreparedResource>;
  anyOutput: Bitset;
  anyInput: Bitset;
}

const UNCERTAIN_ACCURACIES: readonly LocationAccuracy[] = ['region', 'site-unknown'];

function checkPosition(company: MatchableCompany): void {
  const { lon, lat } = company;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`company ${company.id} has no valid [lon, lat]: [${lon}, ${lat}]`);
  }
}

function bitsetPredicate(bits: Bitset): (index: number) => boolean {
  return (index) => hasBit(bits, index);
}

function prepareResource(resource: MatchableResource, companyCount: number): PreparedResource {
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

function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pairKey(from: number, to: number, companyCount: number): number {
  return from * companyCount + to;
}

function prepareStreams(
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
function linkSitesToResources(prepared: Prepared): void {
  for (const resource of prepared.resources) {
    for (const index of resource.outputs.keys()) prepared.sites[index]?.givesIn.push(resource);
    for (const index of resource.inputs.keys()) prepared.sites[index]?.receivesIn.push(resource);
  }
}

function prepareExchanges(prepared: Prepared, exchanges: readonly MatchableExchange[]): void {
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

function prepare(input: MatchingInput): Prepared {
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

interface ResolvedOptions {
  resources: PreparedResource[];
  maxKm: number;
  limit: number;
  includeExisting: boolean;
  viewer: number;
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`limit must be an integer ≥ 0, got ${limit}`);
  }
  return limit;
}

function resolveOptions(prepared: Prepared, options: CandidateOptions): ResolvedOptions {
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

function effectiveMaxKm(resource: PreparedResource, options: ResolvedOptions): number {
  return Math.min(resource.maxTransportKm, options.maxKm);
}

/**
 * geokdbush measures with an earth radius of 6371 km, turf with 6371.0088 km, so geokdbush's distance is the
 * smaller one and never drops a pair turf keeps; the slack only absorbs floating-point rounding. turf then
 * decides exactly, as it does in the naive baseline.
 */
function searchRadiusKm(maxKm: number): number {
  return maxKm * (1 + 1e-6) + 1e-9;
}

const KILOMETRES = { units: 'kilometers' } as const;

/** @turf/helpers' earth radius (6371008.8 m) in km, computed as turf computes its km factor. */
const TURF_EARTH_RADIUS_KM = 6371008.8 / 1e3;

/** @turf/helpers degreesToRadians. */
function turfRadians(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}

/** A location with its cos(latitude) computed once, as turf computes it. */
export interface CachedPoint {
  lon: number;
  lat: number;
  cosLat: number;
}

export function cachedPoint(lon: number, lat: number): CachedPoint {
  return { lon, lat, cosLat: Math.cos(turfRadians(lat)) };
}

/**
 * turf.distance in km, operation for operation, with each site's cos(latitude) computed once instead of per
 * pair and no coordinate arrays copied: about 4× faster in the hot loop and bit-identical to turf (a test
 * checks this), so the naive baseline, which calls turf itself, remains an exact oracle.
 */
export function kmBetween(from: CachedPoint, to: CachedPoint): number {
  const dLat = turfRadians(to.lat - from.lat);
  const dLon = turfRadians(to.lon - from.lon);
  // Math.pow as in turf: `x ** 2` may be compiled to x * x, which can differ in the last bit.
  // biome-ignore lint/style/useExponentiationOperator: must match turf's arithmetic exactly
  const h = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * from.cosLat * to.cosLat;
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * TURF_EARTH_RADIUS_KM;
}

// ——— Sorting ——————————————————————————————————————————————————————————————————————————————————————————————————

// Score (3 decimals) and distance (2 decimals) are small integers in disguise, so together with the position
// in the list they pack into one exactly representable double (score rank × distance × position < 2^53). A
// native numeric sort of those doubles is several times faster than a comparator sort of objects; ties on
// score and distance are then put in id order run by run.
const SCORE_RANKS = 1001;

function centiKm(candidate: CandidateExchange): number {
  return Math.round(candidate.distanceKm * 100);
}

/** The same order as `list.sort(compareCandidates)`. */
function sortCandidates(list: CandidateExchange[]): CandidateExchange[] {
  if (list.length < 256) return list.sort(compareCandidates);
  const distances = 1 + list.reduce((max, candidate) => Math.max(max, centiKm(candidate)), 0);
  const positions = list.length;
  if (SCORE_RANKS * distances * positions > Number.MAX_SAFE_INTEGER) return list.sort(compareCandidates);
  const packed = new Float64Array(positions);
  list.forEach((candidate, position) => {
    const scoreRank = 1000 - Math.round(candidate.score * 1000);
    packed[position] = (scoreRank * distances + centiKm(candidate)) * positions + position;
  });
  packed.sort();
  const sorted = Array.from(packed, (value) => list[value % positions] as CandidateExchange);
  return sortTiesById(sorted);
}

function sortTiesById(sorted: CandidateExchange[]): CandidateExchange[] {
  let start = 0;
  while (start < sorted.length) {
    const first = sorted[start];
    let end = start + 1;
    while (first && end < sorted.length && sameRank(first, sorted[end])) end += 1;
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort((a, b) => compareIds(a.id, b.id));
      run.forEach((candidate, offset) => {
        sorted[start + offset] = candidate;
      });
    }
    start = end;
  }
  return sorted;
}

function sameRank(a: CandidateExchange, b: CandidateExchange | undefined): boolean {
  return b !== undefined && a.score === b.score && a.distanceKm === b.distanceKm;
}

// ——— Collecting the best candidates ————————————————————————————————————————————————————————————————————————

/**
 * Keeps all candidates, or with a limit only the best ones in a heap whose root is the worst kept; a candidate
 * that cannot beat the root is rejected on score and distance before any object is built for it.
 */
class CandidateCollector {
  private readonly kept: CandidateExchange[] = [];

  constructor(private readonly limit: number) {}

  /** The score a candidate must at least reach to be kept, or null while there is room. */
  floorScore(): number | null {
    if (this.kept.length < this.limit) return null;
    return this.kept[0]?.score ?? null;
  }

  /** false when a candidate with this score and distance certainly would not be kept. */
  wants(score: number, distanceKm: number): boolean {
    if (this.kept.length < this.limit) return true;
    const worst = this.kept[0];
    if (!worst) return false;
    return score > worst.score || (score === worst.score && distanceKm <= worst.distanceKm);
  }

  add(candidate: CandidateExchange): void {
    if (this.limit === Number.POSITIVE_INFINITY) {
      this.kept.push(candidate);
      return;
    }
    if (this.kept.length < this.limit) {
      this.kept.push(candidate);
      this.siftUp(this.kept.length - 1);
      return;
    }
    const worst = this.kept[0];
    if (!worst || compareCandidates(candidate, worst) >= 0) return;
    this.kept[0] = candidate;
    this.siftDown(0);
  }

  results(): CandidateExchange[] {
    return sortCandidates(this.kept);
  }

  /** Heap order: a parent sorts after (is worse than) its children. */
  private worse(i: number, j: number): boolean {
    const a = this.kept[i];
    const b = this.kept[j];
    return a !== undefined && b !== undefined && compareCandidates(a, b) > 0;
  }

  private swap(i: number, j: number): void {
    const a = this.kept[i];
    const b = this.kept[j];
    if (a === undefined || b === undefined) return;
    this.kept[i] = b;
    this.kept[j] = a;
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.kept.length && this.worse(left, worst)) worst = left;
      if (right < this.kept.length && this.worse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}

// ——— Building candidates (shared by the indexed engine and the naive baseline) ——————————————————————————

interface PairLinks {
  existing?: PreparedExchange;
  candidate?: PreparedExchange;
  rejected?: PreparedExchange;
}

const NO_LINKS: PairLinks = {};

function linksBetween(
  prepared: Prepared,
  resource: PreparedResource,
  from: number,
  to: number,
  viewer: number,
) {
  const list = resource.exchanges.get(pairKey(from, to, prepared.sites.length));
  if (!list) return NO_LINKS;
  const visible = list.filter((exchange) => exchange.visibility <= viewer);
  const find = (status: ExchangeStatus) => visible.find((exchange) => exchange.status === status);
  const links: PairLinks = {};
  const existing = find('existing') ?? find('proposed');
  const candidate = find('candidate');
  const rejected = find('rejected');
  if (existing) links.existing = existing;
  if (candidate) links.candidate = candidate;
  if (rejected) links.rejected = rejected;
  return links;
}

/** What one company pair shares among all its stream pairs. */
interface PairContext {
  resource: PreparedResource;
  from: Site;
  to: Site;
  distanceKm: number;
  distanceDecay: number;
  noveltyFactor: number;
  links: PairLinks;
  /** The score parts when the quantities are unknown, made on first use and shared by all such candidates. */
  neutralParts: Readonly<ScoreParts> | null;
}

function neutralPartsOf(pair: PairContext): Readonly<ScoreParts> {
  pair.neutralParts ??= Object.freeze({
    distanceDecay: pair.distanceDecay,
    quantityFit: NEUTRAL_QUANTITY_FIT,
    noveltyFactor: pair.noveltyFactor,
  });
  return pair.neutralParts;
}

function pairContext(
  prepared: Prepared,
  resource: PreparedResource,
  fromIndex: number,
  toIndex: number,
  rawKm: number,
  options: ResolvedOptions,
): PairContext | null {
  const from = prepared.sites[fromIndex];
  const to = prepared.sites[toIndex];
  if (!from || !to || from.visibility > options.viewer || to.visibility > options.viewer) return null;
  const links = linksBetween(prepared, resource, fromIndex, toIndex, options.viewer);
  if (links.existing && !options.includeExisting) return null;
  const distanceKm = round(rawKm, 2);
  return {
    resource,
    from,
    to,
    distanceKm,
    distanceDecay: roundedDecay(distanceKm, resource),
    noveltyFactor: noveltyFactor({ alreadyLinked: !!links.existing, previouslyRejected: !!links.rejected }),
    links,
    neutralParts: null,
  };
}

function buildCandidate(
  pair: PairContext,
  output: PreparedStream,
  input: PreparedStream,
  matched: Quantity | null,
  scoreParts: ScoreParts,
  score: number,
): CandidateExchange {
  const { resource, from, to, links } = pair;
  const known = matched !== null && matched.value !== null;
  const visibility = Math.max(from.visibility, to.visibility, output.visibility, input.visibility);
  const candidate: CandidateExchange = {
    id: `cand-${output.id}--${input.id}`,
    fromCompanyId: from.id,
    toCompanyId: to.id,
    outputStreamId: output.id,
    inputStreamId: input.id,
    resourceId: resource.id,
    distanceKm: pair.distanceKm,
    maxTransportKm: resource.maxTransportKm,
    matchedQuantity: known ? matched : resource.unknownMatch,
    score,
    scoreParts,
    impact: known ? estimateImpact(resource.id, matched) : resource.unknownImpact,
    previouslyRejected: links.rejected !== undefined,
    locationUncertain: from.locationUncertain || to.locationUncertain,
    visibility: VISIBILITIES[visibility] ?? 'secretariat',
  };
  if (links.existing) {
    candidate.existingExchangeId = links.existing.id;
    candidate.existingExchangeStatus = links.existing.status === 'existing' ? 'existing' : 'proposed';
  }
  if (links.candidate) candidate.recordedCandidateId = links.candidate.id;
  if (links.rejected) candidate.rejectedExchangeId = links.rejected.id;
  return candidate;
}

function offerStreamPair(
  pair: PairContext,
  output: PreparedStream,
  input: PreparedStream,
  viewer: number,
  collector: CandidateCollector,
): void {
  if (output.visibility > viewer || input.visibility > viewer) return;
  const unit = pair.resource.canonicalUnit;
  const { distanceDecay, noveltyFactor } = pair;
  const quantityFit = round(quickFit(output.quantity, input.quantity, unit), 3);
  // candidateScore() without building the parts object first: most pairs are rejected here.
  const score = round(distanceDecay * quantityFit * noveltyFactor, 3);
  if (!collector.wants(score, pair.distanceKm)) return;
  const known = output.quantity.value !== null && input.quantity.value !== null;
  const match = known ? matchQuantities(output.quantity, input.quantity, unit) : null;
  const scoreParts = match ? { distanceDecay, quantityFit, noveltyFactor } : neutralPartsOf(pair);
  collector.add(buildCandidate(pair, output, input, match?.matched ?? null, scoreParts, score));
}

/** The decay as a candidate shows it: of the rounded distance, rounded to 3 decimals. */
function roundedDecay(distanceKm: number, resource: PreparedResource): number {
  return round(distanceDecay(distanceKm, resource.maxTransportKm), 3);
}

/** Fit can only exceed the neutral value when both sides have at least one known quantity. */
function bestPossibleFit(streams: readonly PreparedStream[] | undefined): number {
  return streams?.some((stream) => stream.quantity.value !== null) ? 1 : NEUTRAL_QUANTITY_FIT;
}

/**
 * Whether any stream pair of this company pair could still be kept, judged before the exchange lookup and any
 * allocation: a score is at most the decay × the best possible fit (novelty is at most 1), and rounding is
 * monotone, so this never turns away a pair that would have been kept.
 */
function couldBeKept(
  resource: PreparedResource,
  km: number,
  outputs: readonly PreparedStream[],
  inputs: readonly PreparedStream[],
  collector: CandidateCollector,
): boolean {
  if (collector.floorScore() === null) return true;
  const distanceKm = round(km, 2);
  const bestFit = Math.min(bestPossibleFit(outputs), bestPossibleFit(inputs));
  return collector.wants(round(roundedDecay(distanceKm, resource) * bestFit, 3), distanceKm);
}

/** All stream pairs of one company pair that is already known to be within range. */
function offerCompanyPair(
  prepared: Prepared,
  resource: PreparedResource,
  fromIndex: number,
  toIndex: number,
  options: ResolvedOptions,
  collector: CandidateCollector,
): void {
  const outputs = resource.outputs.get(fromIndex);
  const inputs = resource.inputs.get(toIndex);
  const from = prepared.sites[fromIndex];
  const to = prepared.sites[toIndex];
  if (!outputs || !inputs || !from || !to) return;
  const km = kmBetween(from, to);
  if (km > effectiveMaxKm(resource, options)) return;
  if (!couldBeKept(resource, km, outputs, inputs, collector)) return;
  const pair = pairContext(prepared, resource, fromIndex, toIndex, km, options);
  if (!pair) return;
  for (const output of outputs) {
    for (const input of inputs) offerStreamPair(pair, output, input, options.viewer, collector);
  }
}

// ——— The indexed engine ————————————————————————————————————————————————————————————————————————————————————

function buildKdIndex(sites: readonly Site[]): KDBush | null {
  if (sites.length === 0) return null;
  const index = new KDBush(sites.length);
  for (const site of sites) index.add(site.lon, site.lat);
  return index.finish();
}

type Role = 'giver' | 'receiver';

/**
 * With a limit, once the best `limit` candidates are collected, a new pair only gets in if decay × fit reaches
 * the worst kept score (novelty is at most 1). Fit is at most 1, and exactly NEUTRAL_QUANTITY_FIT when the
 * company's own streams have no known quantity, so this bounds the distance worth searching: often to a few
 * km, and to nothing (-1) when no pair can get in. The margins cover the rounding of the distance
 * (2 decimals), the decay and the score (3 decimals).
 */
function reachKm(resource: PreparedResource, collector: CandidateCollector, maxFit: number): number {
  const floor = collector.floorScore();
  if (floor === null) return Number.POSITIVE_INFINITY;
  const decayNeeded = (floor - 0.0006) / maxFit - 0.0006;
  if (decayNeeded <= 0) return Number.POSITIVE_INFINITY;
  if (decayNeeded > 1) return -1;
  return distanceForDecay(decayNeeded, resource.maxTransportKm) + 0.006;
}

/**
 * Offers every pair between the company at `self` and the companies around it that play the other role for
 * `resource`. around() returns only companies whose bit is set, so the loop never sees the rest.
 */
function offerAround(
  prepared: Prepared,
  kd: KDBush,
  self: number,
  role: Role,
  resource: PreparedResource,
  options: ResolvedOptions,
  collector: CandidateCollector,
): void {
  const site = prepared.sites[self];
  if (!site || site.visibility > options.viewer) return;
  const own = role === 'giver' ? resource.outputs.get(self) : resource.inputs.get(self);
  const reach = reachKm(resource, collector, bestPossibleFit(own));
  if (reach < 0) return;
  const radius = searchRadiusKm(Math.min(effectiveMaxKm(resource, options), reach));
  const partnerRole = role === 'giver' ? resource.isReceiver : resource.isGiver;
  for (const other of around(kd, site.lon, site.lat, Number.POSITIVE_INFINITY, radius, partnerRole)) {
    if (other === self) continue;
    if (role === 'giver') offerCompanyPair(prepared, resource, self, other, options, collector);
    else offerCompanyPair(prepared, resource, other, self, options, collector);
  }
}

export function createMatchingIndex(input: MatchingInput): MatchingIndex {
  const prepared = prepare(input);
  const kd = buildKdIndex(prepared.sites);

  return {
    companyCount: prepared.sites.length,

    allCandidates(options = {}) {
      const resolved = resolveOptions(prepared, options);
      const collector = new CandidateCollector(resolved.limit);
      if (!kd) return [];
      for (const resource of resolved.resources) {
        for (const from of resource.outputs.keys()) {
          offerAround(prepared, kd, from, 'giver', resource, resolved, collector);
        }
      }
      return collector.results();
    },

    candidatesFor(companyId, options = {}) {
      const self = prepared.siteIndex.get(companyId);
      const site = self === undefined ? undefined : prepared.sites[self];
      if (!kd || self === undefined || !site) return [];
      const resolved = resolveOptions(prepared, options);
      const wanted = new Set(resolved.resources);
      const collector = new CandidateCollector(resolved.limit);
      for (const resource of site.givesIn) {
        if (wanted.has(resource)) offerAround(prepared, kd, self, 'giver', resource, resolved, collector);
      }
      for (const resource of site.receivesIn) {
        if (wanted.has(resource)) offerAround(prepared, kd, self, 'receiver', resource, resolved, collector);
      }
      return collector.results();
    },

    partnersNear(query) {
      return partnersNear(prepared, kd, query);
    },
  };
}

// ——— Partner search ———————————————————————————————————————————————————————————————————————————————————————

function checkPartnerQuery(query: PartnerQuery): void {
  const { lon, lat, radiusKm } = query;
  if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
    throw new RangeError(`partner search needs a valid [lon, lat], got [${lon}, ${lat}]`);
  }
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) {
    throw new RangeError(`radiusKm must be a finite number ≥ 0, got ${radiusKm}`);
  }
}

function partnerPredicate(
  prepared: Prepared,
  resource: PreparedResource | null,
  direction?: StreamDirection,
) {
  const outputs = resource ? resource.hasOutput : prepared.anyOutput;
  const inputs = resource ? resource.hasInput : prepared.anyInput;
  if (direction === 'output') return bitsetPredicate(outputs);
  if (direction === 'input') return bitsetPredicate(inputs);
  return (index: number) => hasBit(outputs, index) || hasBit(inputs, index);
}

function matchingStreams(site: Site, query: PartnerQuery, viewer: number): PreparedStream[] {
  return site.streams.filter(
    (stream) =>
      stream.visibility <= viewer &&
      (query.resourceId === undefined || stream.resource.id === query.resourceId) &&
      (query.direction === undefined || stream.direction === query.direction),
  );
}

function partnerFit(streams: readonly PreparedStream[], quantity: Quantity | undefined): number {
  if (!quantity) return NEUTRAL_QUANTITY_FIT;
  let best = Number.NEGATIVE_INFINITY;
  for (const stream of streams) {
    best = Math.max(best, matchQuantities(quantity, stream.quantity, stream.resource.canonicalUnit).fit);
  }
  return Number.isFinite(best) ? best : NEUTRAL_QUANTITY_FIT;
}

function comparePartners(a: PartnerMatch, b: PartnerMatch): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || compareIds(a.companyId, b.companyId);
}

function partnersNear(prepared: Prepared, kd: KDBush | null, query: PartnerQuery): PartnerMatch[] {
  checkPartnerQuery(query);
  const limit = checkLimit(query.limit);
  const resource = query.resourceId === undefined ? null : prepared.resourceById.get(query.resourceId);
  if (!kd || resource === undefined || limit === 0) return [];
  const viewer = query.visibleTo === undefined ? ALL_VISIBLE : visibilityRank(query.visibleTo);
  const scaleKm = resource ? resource.maxTransportKm : Math.max(query.radiusKm, Number.MIN_VALUE);
  const centre: Position = [query.lon, query.lat];
  const found = around(
    kd,
    query.lon,
    query.lat,
    Number.POSITIVE_INFINITY,
    searchRadiusKm(query.radiusKm),
    partnerPredicate(prepared, resource, query.direction),
  );
  const matches: PartnerMatch[] = [];
  for (const index of found) {
    const site = prepared.sites[index];
    if (!site || site.id === query.excludeCompanyId || site.visibility > viewer) continue;
    const km = distance(centre, site.position, KILOMETRES);
    const streams = km <= query.radiusKm ? matchingStreams(site, query, viewer) : [];
    if (streams.length === 0) continue;
    const distanceKm = round(km, 2);
    const scoreParts = {
      distanceDecay: round(distanceDecay(distanceKm, scaleKm), 3),
      quantityFit: round(partnerFit(streams, query.quantity), 3),
    };
    matches.push({
      companyId: site.id,
      distanceKm,
      score: round(scoreParts.distanceDecay * scoreParts.quantityFit, 3),
      scoreParts,
      streams: streams.map((s) => ({
        streamId: s.id,
        resourceId: s.resource.id,
        direction: s.direction,
        quantity: s.quantity,
      })),
      withinTransportRange: resource ? km <= resource.maxTransportKm : null,
      locationUncertain: site.locationUncertain,
    });
  }
  return matches.sort(comparePartners).slice(0, limit);
}

// ——— The naive baseline ————————————————————————————————————————————————————————————————————————————————————

/**
 * Every output stream against every input stream, turf distance for each pair of the same resource, no index.
 * O(streams²): the benchmark baseline and the test oracle for the indexed engine, which must return exactly
 * the same candidates.
 */
export function allCandidatesNaive(
  input: MatchingInput,
  options: CandidateOptions = {},
): CandidateExchange[] {
  const prepared = prepare(input);
  const resolved = resolveOptions(prepared, options);
  const wanted = new Set(resolved.resources);
  const collector = new CandidateCollector(resolved.limit);
  const located = prepared.sites.flatMap((site, index) => site.streams.map((stream) => ({ stream, index })));
  const outputs = located.filter(({ stream }) => stream.direction === 'output');
  const inputs = located.filter(({ stream }) => stream.direction === 'input');
  for (const out of outputs) {
    for (const into of inputs) {
      const resource = out.stream.resource;
      if (into.stream.resource !== resource || out.index === into.index || !wanted.has(resource)) continue;
      const from = prepared.sites[out.index];
      const to = prepared.sites[into.index];
      if (!from || !to) continue;
      const km = distance(from.position, to.position, KILOMETRES);
      if (km > effectiveMaxKm(resource, resolved)) continue;
      const pair = pairContext(prepared, resource, out.index, into.index, km, resolved);
      if (pair) offerStreamPair(pair, out.stream, into.stream, resolved.viewer, collector);
    }
  }
  return collector.results();
}
