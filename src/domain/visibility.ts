import type { Quantity, Verification, Visibility } from './common.ts';
import { VISIBILITIES } from './common.ts';

export interface VisibilityFacts {
  verification: Verification;
  /** The record belongs to a registered potential (or is a candidate staff have not released). */
  registeredPotential: boolean;
  /** The record's quantity, when it has one. */
  quantity?: Quantity;
  /**
   * The stream is an end of an exchange (existing or an announced candidate) that is itself public, so the
   * public already knows it exists: e.g. Fors's need for surplus heat, one end of the Holbæk candidate that
   * the symbiosis announced in October 2022.
   */
  endOfPublicExchange?: boolean;
}

/**
 * Visibility a record gets when it is seeded or registered, before staff change it:
 * - the dataset's own estimates are not published facts, so only the secretariat sees them;
 * - a registered potential's stream with an unknown quantity is the secretariat's working material and stays
 *   with the secretariat until staff release it, unless a public exchange has already made it known;
 * - everything else is a published fact with a public source, so it is public.
 */
export function defaultVisibility(facts: VisibilityFacts): Visibility {
  if (facts.verification === 'estimate') return 'secretariat';
  if (
    facts.registeredPotential &&
    facts.quantity !== undefined &&
    facts.quantity.value === null &&
    facts.endOfPublicExchange !== true
  ) {
    return 'secretariat';
  }
  return 'public';
}

/**
 * 0 = public … ALL_VISIBLE = secretariat (a missing visibility is public): a caller cleared for a rank sees
 * every record whose rank is at most its own.
 */
export function visibilityRank(visibility: Visibility | undefined): number {
  return visibility ? VISIBILITIES.indexOf(visibility) : 0;
}

/** The rank of the most closed level, which sees everything. */
export const ALL_VISIBLE = VISIBILITIES.length - 1;

/** The level of a rank (the inverse of visibilityRank); ranks beyond the last are the secretariat's. */
export function visibilityOfRank(rank: number): Visibility {
  return VISIBILITIES[rank] ?? 'secretariat';
}

/** True when `visibility` is seen by at least as many people as `than` (public ⊇ partners ⊇ secretariat). */
export function isMoreOpen(visibility: Visibility, than: Visibility): boolean {
  return visibilityRank(visibility) < visibilityRank(than);
}

/** Whether a caller cleared for `level` may see a record with `visibility`. */
export function canSee(level: Visibility, visibility: Visibility): boolean {
  return visibilityRank(visibility) <= visibilityRank(level);
}

/** A stream or exchange as far as who sees it is concerned. */
export interface VisibleRecord {
  visibility: Visibility;
  /** Who sees the exact quantity; missing = everyone who sees the record. */
  quantityVisibility?: Visibility | undefined;
}

/** The most open level that sees the exact quantity: the record's own, narrowed by `quantityVisibility`. */
export function exactQuantityVisibility(record: VisibleRecord): Visibility {
  const quantity = record.quantityVisibility;
  return quantity !== undefined && isMoreOpen(record.visibility, quantity) ? quantity : record.visibility;
}

/** Whether a caller cleared for `level` sees the exact quantity of a record it sees. */
export function canSeeExactQuantity(level: Visibility, record: VisibleRecord): boolean {
  return canSee(level, exactQuantityVisibility(record));
}

/**
 * Partners keep their own streams up to date and may share them with the other partners, but publishing is
 * the secretariat's decision (staff check the source first). So a partner's write may not make a record, or
 * its exact quantity, public unless it already was; making either less open is the partner's own call.
 * Returns why the write is refused, or null when it is allowed. `before` is null for a new record.
 */
export function partnerVisibilityProblem(before: VisibleRecord | null, after: VisibleRecord): string | null {
  if (after.visibility === 'public' && before?.visibility !== 'public') {
    return 'Only secretariat staff can make a stream public; a partner can share it with "partners" at most';
  }
  if (
    exactQuantityVisibility(after) === 'public' &&
    (before === null || exactQuantityVisibility(before) !== 'public')
  ) {
    return 'Only secretariat staff can publish an exact quantity; set quantityVisibility to "partners" or "secretariat"';
  }
  return null;
}
