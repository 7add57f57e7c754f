// Building candidate objects from company pairs (shared by the indexed engine and the naive baseline).

import type { Quantity } from '../common.ts';
import { VISIBILITIES } from '../common.ts';
import type { ExchangeStatus } from '../exchange.ts';
import { estimateImpact } from '../impact-factors.ts';
import type { CandidateCollector } from './collector.ts';
import { kmBetween } from './distance.ts';
import type { Site } from './prepare.ts';
import {
  effectiveMaxKm,
  type Prepared,
  type PreparedExchange,
  type PreparedResource,
  type PreparedStream,
  pairKey,
  type ResolvedOptions,
} from './prepare.ts';
import {
  distanceDecay,
  matchQuantities,
  NEUTRAL_QUANTITY_FIT,
  noveltyFactor,
  quickFit,
  round,
} from './rules.ts';
import type { CandidateExchange, ScoreParts } from './types.ts';

// ——— Building candidates (shared by the indexed engine and the naive baseline) ——————————————————————————

export interface PairLinks {
  existing?: PreparedExchange;
  candidate?: PreparedExchange;
  rejected?: PreparedExchange;
}

export const NO_LINKS: PairLinks = {};

export function linksBetween(
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
export interface PairContext {
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

export function neutralPartsOf(pair: PairContext): Readonly<ScoreParts> {
  pair.neutralParts ??= Object.freeze({
    distanceDecay: pair.distanceDecay,
    quantityFit: NEUTRAL_QUANTITY_FIT,
    noveltyFactor: pair.noveltyFactor,
  });
  return pair.neutralParts;
}

export function pairContext(
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

export function buildCandidate(
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

export function offerStreamPair(
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
export function roundedDecay(distanceKm: number, resource: PreparedResource): number {
  return round(distanceDecay(distanceKm, resource.maxTransportKm), 3);
}

/** Fit can only exceed the neutral value when both sides have at least one known quantity. */
export function bestPossibleFit(streams: readonly PreparedStream[] | undefined): number {
  return streams?.some((stream) => stream.quantity.value !== null) ? 1 : NEUTRAL_QUANTITY_FIT;
}

/**
 * Whether any stream pair of this company pair could still be kept, judged before the exchange lookup and any
 * allocation: a score is at most the decay × the best possible fit (novelty is at most 1), and rounding is
 * monotone, so this never turns away a pair that would have been kept.
 */
export function couldBeKept(
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
export function offerCompanyPair(
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
