import type { Quantity, Verification, Visibility } from './common.ts';
import { VISIBILITIES } from './common.ts';

export interface VisibilityFacts {
  verification: Verification;
  /** The record belongs to a registered potential (or is a candidate staff have not released). */
  registeredPotential: boolean;
  /** The record's quantity, when it has one. */
  quantity?: Quantity;
}

/**
 * Visibility a record gets when it is seeded or registered, before staff change it:
 * - the dataset's own estimates are not published facts, so only the secretariat sees them;
 * - a registered potential's stream with an unknown quantity is the secretariat's working material and stays
 *   with the secretariat until staff release it;
 * - everything else is a published fact with a public source, so it is public.
 */
export function defaultVisibility(facts: VisibilityFacts): Visibility {
  if (facts.verification === 'estimate') return 'secretariat';
  if (facts.registeredPotential && facts.quantity !== undefined && facts.quantity.value === null) {
    return 'secretariat';
  }
  return 'public';
}

/** True when `visibility` is seen by at least as many people as `than` (public ⊇ partners ⊇ secretariat). */
export function isMoreOpen(visibility: Visibility, than: Visibility): boolean {
  return VISIBILITIES.indexOf(visibility) < VISIBILITIES.indexOf(than);
}

/** Whether a caller cleared for `level` may see a record with `visibility`. */
export function canSee(level: Visibility, visibility: Visibility): boolean {
  return VISIBILITIES.indexOf(visibility) <= VISIBILITIES.indexOf(level);
}
