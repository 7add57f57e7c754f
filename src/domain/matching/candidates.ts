// One candidate from a stream pair: its links to recorded exchanges, its score and the object the API returns.
// Shared by the indexed engine and the naive baseline, so that both build the very same objects.
import type { Quantity } from '../common.ts';
import { estimateImpact } from '../impact-factors.ts';
import { visibilityOfRank } from '../visibility.ts';
import type { PreparedExchange, PreparedStream, Site } from './prepare.ts';
import { distanceDecay, matchQuantities, noveltyFactor, quickFit, round } from './rules.ts';
import type { CandidateExchange, ScoreParts } from './types.ts';

/** The exchanges, visible to the viewer, that already link a giver to a receiver with one resource. */
export interface PairLinks {
  existing?: PreparedExchange;
  candidate?: PreparedExchange;
  rejected?: PreparedExchange;
}

export const NO_LINKS: Readonly<PairLinks> = Object.freeze({});

export function linksBetween(output: PreparedStream, input: PreparedStream, viewer: number): PairLinks {
  const outgoing = output.site.outgoing;
  if (outgoing === null) return NO_LINKS;
  let existing: PreparedExchange | undefined;
  let proposed: PreparedExchange | undefined;
  let candidate: PreparedExchange | undefined;
  let rejected: PreparedExchange | undefined;
  const to = input.site.index;
  for (const exchange of outgoing) {
    if (exchange.to !== to || exchange.resource !== output.resource || exchange.visibility > viewer) continue;
    // The first of each status, in id order.
    if (exchange.status === 'existing') existing ??= exchange;
    else if (exchange.status === 'proposed') proposed ??= exchange;
    else if (exchange.status === 'candidate') candidate ??= exchange;
    else if (exchange.status === 'rejected') rejected ??= exchange;
  }
  if (!existing && !proposed && !candidate && !rejected) return NO_LINKS;
  const links: PairLinks = {};
  const linked = existing ?? proposed;
  if (linked) links.existing = linked;
  if (candidate) links.candidate = candidate;
  if (rejected) links.rejected = rejected;
  return links;
}

export function noveltyOf(links: PairLinks): number {
  return noveltyFactor({ alreadyLinked: !!links.existing, previouslyRejected: !!links.rejected });
}

/** The decay as a candidate shows it: of the rounded distance, rounded to 3 decimals. */
export function roundedDecay(distanceKm: number, maxTransportKm: number): number {
  return round(distanceDecay(distanceKm, maxTransportKm), 3);
}

/**
 * The candidate of an output and an input stream `km` apart (turf, from giver to receiver) with these links.
 * The caller has checked the rules that need no arithmetic: same resource, different companies, within
 * range, visible, and not left out for an existing link. A caller that has already computed the rounded
 * quantity fit passes it, so the quantities are read only when they are known.
 */
export function buildCandidate(
  output: PreparedStream,
  input: PreparedStream,
  km: number,
  links: PairLinks,
  fit?: number,
): CandidateExchange {
  const resource = output.resource;
  const from: Site = output.site;
  const to: Site = input.site;
  const distanceKm = round(km, 2);
  const distanceDecay = roundedDecay(distanceKm, resource.maxTransportKm);
  const noveltyFactor = noveltyOf(links);
  const quantityFit = fit ?? round(quickFit(output.quantity, input.quantity, resource.canonicalUnit), 3);
  const scoreParts: ScoreParts = { distanceDecay, quantityFit, noveltyFactor };
  const known = output.hasValue && input.hasValue;
  const matched: Quantity | null = known
    ? matchQuantities(output.quantity, input.quantity, resource.canonicalUnit).matched
    : null;
  const matchedKnown = matched !== null && matched.value !== null;
  const candidate: CandidateExchange = {
    id: `cand-${output.id}--${input.id}`,
    fromCompanyId: from.id,
    toCompanyId: to.id,
    outputStreamId: output.id,
    inputStreamId: input.id,
    resourceId: resource.id,
    distanceKm,
    maxTransportKm: resource.maxTransportKm,
    matchedQuantity: matched !== null && matchedKnown ? matched : resource.unknownMatch,
    score: round(distanceDecay * quantityFit * noveltyFactor, 3),
    scoreParts,
    impact: matched !== null && matchedKnown ? estimateImpact(resource.id, matched) : resource.unknownImpact,
    previouslyRejected: links.rejected !== undefined,
    locationUncertain: from.locationUncertain || to.locationUncertain,
    visibility: visibilityOfRank(Math.max(output.visibility, input.visibility)),
  };
  if (links.existing) {
    candidate.existingExchangeId = links.existing.id;
    candidate.existingExchangeStatus = links.existing.status === 'existing' ? 'existing' : 'proposed';
  }
  if (links.candidate) candidate.recordedCandidateId = links.candidate.id;
  if (links.rejected) candidate.rejectedExchangeId = links.rejected.id;
  return candidate;
}
