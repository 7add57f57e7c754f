// The matching engine: which side-streams could flow between which companies, how good each match is, and what
// it would be worth. Pure: plain data in (the parsed geodata, or rows from storage), candidates out; no I/O.
//
// WHO TAKES PART
// - A candidate is an output stream ("has it") × an input stream ("needs it") of the same resource, in two
//   different companies, at most the resource's `maxTransportKm` apart (turf great-circle distance, km,
//   inclusive). `options.maxKm` can only narrow that distance, never widen it.
// - Only current streams count (`isCurrentStream` in company.ts). A `historic` stream is something a company no
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
// ORDER: score desc, then distance asc, then candidate id (code-unit order), so results are deterministic.
//
// WHAT A QUERY RETURNS (all in that order; every query is answered without listing what it does not return)
// - The candidates of one company: those in which it gives or receives, the best `limit` (the details panel).
// - Best k per company (default 10): for every company the caller may see, the k best candidates in which
//   it gives or receives, over all its streams and resources: the list the company's own query gives (and
//   its details panel shows, with the panel's options), for all companies at once. A candidate appears
//   under both of its companies when it is among the best of each.
// - The global best N: the first N of all the region's candidates (the map's candidate layer).
// - Every candidate, only as a stream: giver by giver, each giver's best first, so a consumer never holds
//   more than one giver's candidates (the streamed export).
//
// VISIBILITY: with `visibleTo`, companies, streams and exchanges the caller may not see take no part (a hidden
// existing exchange then does not lower novelty). Every candidate says who may see it: the least open of its
// two companies and two streams.
//
// Candidates are read-only: an unknown matched quantity and its impact are frozen objects shared between
// the candidates of a resource.

import type { Quantity } from '../common.ts';
import type { CompanyKind } from '../company.ts';
import { compareIds } from '../ids.ts';
import { convertAnnualValue } from '../impact-factors.ts';
import type { CandidateExchange, ScoreParts } from './types.ts';

// ——— Score parts (exported so the UI can explain a score) ———————————————————————————————————————————————

/** Distance decay halves this many times between 0 km and the resource's transport limit. */
export const DISTANCE_HALVINGS_AT_MAX = 3;
export const NEUTRAL_QUANTITY_FIT = 0.5;
export const NOVELTY_NEW = 1;
export const NOVELTY_PREVIOUSLY_REJECTED = 0.25;
export const NOVELTY_ALREADY_LINKED = 0;

/** Nature gives but is not delivered to: see the rules at the top of this file. */
export function canReceive(kind: CompanyKind): boolean {
  return kind !== 'natural-source';
}

/** 2^(−3·d / max), written with exp because it runs once per stream pair in the hot loop. */
export function distanceDecay(distanceKm: number, maxTransportKm: number): number {
  return Math.exp((-DISTANCE_HALVINGS_AT_MAX * Math.LN2 * distanceKm) / maxTransportKm);
}

/** The largest distance at which distanceDecay is still ≥ `decay` (its inverse). */
export function distanceForDecay(decay: number, maxTransportKm: number): number {
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
export function ratio(a: number, b: number): number {
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
export function quickFit(output: Quantity, input: Quantity, canonicalUnit: string): number {
  if (output.value === null || input.value === null) return NEUTRAL_QUANTITY_FIT;
  if (output.unit === canonicalUnit && input.unit === canonicalUnit) return ratio(output.value, input.value);
  return matchQuantities(output, input, canonicalUnit).fit;
}

export function noveltyFactor(links: { alreadyLinked: boolean; previouslyRejected: boolean }): number {
  if (links.alreadyLinked) return NOVELTY_ALREADY_LINKED;
  return links.previouslyRejected ? NOVELTY_PREVIOUSLY_REJECTED : NOVELTY_NEW;
}

const SCALES = [1, 10, 100, 1000];

export function round(value: number, decimals: number): number {
  // The same powers of ten `10 ** decimals` gives, looked up: this runs several times per pair.
  const scale = SCALES[decimals] ?? 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** From the rounded parts, so that the UI multiplying the parts it shows gets the score it shows. */
export function candidateScore(parts: ScoreParts): number {
  return round(parts.distanceDecay * parts.quantityFit * parts.noveltyFactor, 3);
}

export function compareCandidates(a: CandidateExchange, b: CandidateExchange): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || compareIds(a.id, b.id);
}
