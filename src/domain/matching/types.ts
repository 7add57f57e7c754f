// The matching engine's inputs (what storage or the geodata hand it) and outputs (what the API returns). The
// outputs are zod schemas because they are the API's answers too: the server's contract declares them and the
// client parses them with these very schemas.
import { z } from 'zod';
import {
  IdSchema,
  type LocationAccuracy,
  type Quantity,
  QuantitySchema,
  type Visibility,
  VisibilitySchema,
} from '../common.ts';
import {
  type CompanyCollection,
  type CompanyKind,
  type CompanyRole,
  type StreamDirection,
  StreamDirectionSchema,
  type StreamStatus,
} from '../company.ts';
import type { Exchange } from '../exchange.ts';
import { EstimatedImpactSchema } from '../impact.ts';
import type { Resource } from '../resource.ts';

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

/** The default of "best k per company": what a company's details panel lists. */
export const DEFAULT_PER_COMPANY = 10;

export interface BestPerCompanyOptions extends Omit<CandidateOptions, 'limit'> {
  /** How many candidates per company, the best ones; an integer ≥ 0. Default DEFAULT_PER_COMPANY. */
  perCompany?: number;
}

export type StreamOptions = Omit<CandidateOptions, 'limit'>;

// ——— Outputs ——————————————————————————————————————————————————————————————————————————————————————————————

export const ScorePartsSchema = z.strictObject({
  distanceDecay: z.number(),
  quantityFit: z.number(),
  noveltyFactor: z.number(),
});
export type ScoreParts = z.infer<typeof ScorePartsSchema>;

export const CandidateExchangeSchema = z
  .strictObject({
    /** `cand-${outputStreamId}--${inputStreamId}`: stable across runs and across storage backends. */
    id: z.string(),
    fromCompanyId: IdSchema,
    toCompanyId: IdSchema,
    outputStreamId: IdSchema,
    inputStreamId: IdSchema,
    resourceId: IdSchema,
    /** Great-circle distance, 2 decimals. */
    distanceKm: z.number().nonnegative(),
    /** The resource's transport limit the distance decay is measured against. */
    maxTransportKm: z.number(),
    matchedQuantity: QuantitySchema,
    /** 3 decimals: distanceDecay × quantityFit × noveltyFactor of the rounded parts. */
    score: z.number(),
    scoreParts: ScorePartsSchema,
    impact: EstimatedImpactSchema.nullable(),
    /** An exchange with status existing (preferred) or proposed already links the pair with this resource. */
    existingExchangeId: IdSchema.optional(),
    existingExchangeStatus: z.enum(['existing', 'proposed']).optional(),
    /** A recorded exchange with status `candidate` for the same pair and resource. */
    recordedCandidateId: IdSchema.optional(),
    previouslyRejected: z.boolean(),
    rejectedExchangeId: IdSchema.optional(),
    /** One end's point is only a representative (`region`) or stand-in (`site-unknown`) location. */
    locationUncertain: z.boolean(),
    /** The least open visibility of the two companies and two streams. */
    visibility: VisibilitySchema,
  })
  .meta({ id: 'Candidate', description: 'A candidate exchange computed by the matching engine' });
export type CandidateExchange = z.infer<typeof CandidateExchangeSchema>;
export const CandidateExchangeListSchema = z.array(CandidateExchangeSchema);

/** One company's best candidates, as giver or receiver, best first. */
export const CompanyCandidatesSchema = z
  .strictObject({ companyId: IdSchema, candidates: z.array(CandidateExchangeSchema) })
  .meta({ id: 'CompanyCandidates' });
export type CompanyCandidates = z.infer<typeof CompanyCandidatesSchema>;

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

export const PartnerStreamSchema = z.strictObject({
  streamId: IdSchema,
  resourceId: IdSchema,
  direction: StreamDirectionSchema,
  quantity: QuantitySchema,
});
export type PartnerStream = z.infer<typeof PartnerStreamSchema>;

export const PartnerMatchSchema = z
  .strictObject({
    companyId: IdSchema,
    distanceKm: z.number().nonnegative(),
    /** 3 decimals: distanceDecay × quantityFit. */
    score: z.number(),
    scoreParts: ScorePartsSchema.pick({ distanceDecay: true, quantityFit: true }),
    /** The company's current streams that satisfy the query's resource and direction. */
    streams: z.array(PartnerStreamSchema),
    /** With a resource: whether the partner is within its transport distance; null without one. */
    withinTransportRange: z.boolean().nullable(),
    locationUncertain: z.boolean(),
  })
  .meta({ id: 'PartnerMatch', description: 'A company near the searched point with a matching stream' });
export type PartnerMatch = z.infer<typeof PartnerMatchSchema>;
export const PartnerMatchListSchema = z.array(PartnerMatchSchema);

export interface MatchingIndex {
  readonly companyCount: number;
  /** The best `limit` candidates in which the company gives or receives. An unknown company has none. */
  candidatesFor(companyId: string, options?: CandidateOptions): CandidateExchange[];
  /**
   * The global best `limit` candidates of the region. Without a limit every candidate, as one array: that is
   * for small datasets and tests only; to hand out all candidates of a large region, use eachCandidate().
   */
  allCandidates(options?: CandidateOptions): CandidateExchange[];
  /**
   * Best k per company: every company the caller may see, once each, with its best `perCompany` candidates
   * as giver or receiver (an empty list when it has none). Lazy: the lists are computed a block of a few
   * hundred neighbouring companies at a time, when the iterator reaches the block. The companies come in the
   * index's order, which keeps neighbours together (fixed for a dataset), not in dataset order.
   */
  bestPerCompany(options?: BestPerCompanyOptions): IterableIterator<CompanyCandidates>;
  /**
   * Every candidate, lazily: giver by giver (in the index's order, as bestPerCompany), each giver's
   * candidates together and best first. Memory stays at one giver's candidates however large the region.
   */
  eachCandidate(options?: StreamOptions): IterableIterator<CandidateExchange>;
  /**
   * Companies within `radiusKm` of a point that have a current stream matching the resource and direction.
   * Ranked by score = distanceDecay × quantityFit, then distance, then id. The decay is measured against the
   * resource's transport distance (or the radius without a resource); the fit compares `query.quantity`
   * with the partner's best-fitting stream and is neutral without it, so with no quantity the ranking is
   * by distance alone.
   */
  partnersNear(query: PartnerQuery): PartnerMatch[];
}
