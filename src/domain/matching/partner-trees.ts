// Where a stream looks for partners, and with what bound on the quantity fit. The search's bound is
// decay × the best fit a pair could have, so the tighter the fit bound, the sooner a search ends:
// - a searcher without a known quantity has a neutral fit (0.5) with everyone: one index of all partners;
// - with a known quantity, partners without one are neutral too; partners with one are split into bands of
//   a power of two of their value in the canonical unit, because fit = min / max is bounded by how far the
//   band lies from the searcher's own value: the band around it may fit perfectly, one 4× away at most 1/2.
//   Far bands then cost a single comparison, once the bar is above what they could reach.
import type { PreparedStream } from './prepare.ts';
import { NEUTRAL_QUANTITY_FIT, round } from './rules.ts';
import { StreamTree, type UnitVectors } from './stream-tree.ts';

/**
 * A tree built when a search first enters it: a query whose bar is already above everything a tree could
 * offer (the global best N, once the best are found) never pays for building it.
 */
export class LazyTree {
  private built: StreamTree | null = null;
  /** Its position in the index's list of trees: how a scheduler of many searches groups them by tree. */
  readonly id: number;

  constructor(
    private readonly streams: readonly PreparedStream[],
    private readonly sites: UnitVectors,
    registry: LazyTree[],
  ) {
    this.id = registry.length;
    registry.push(this);
  }

  get size(): number {
    return this.streams.length;
  }

  get tree(): StreamTree {
    this.built ??= new StreamTree(this.streams, this.sites);
    return this.built;
  }
}

/** Partners whose canonical value lies in [2^exponent, 2^(exponent + 1)). */
interface ValueBand {
  exponent: number;
  tree: LazyTree;
}

/**
 * A search plan, filled in place so that planning allocates nothing: trees and, for each, the best fit
 * (3 decimals, as scores round it) any pair in it can have, best first.
 */
export class SearchPlan {
  readonly trees: LazyTree[] = [];
  readonly fits: number[] = [];
  size = 0;

  clear(): void {
    this.size = 0;
  }

  /** Adds a tree, keeping the plan sorted by fit, best first (stable: earlier additions win ties). */
  add(tree: LazyTree, maxFit: number): void {
    if (tree.size === 0) return;
    let at = this.size;
    this.size += 1;
    while (at > 0 && (this.fits[at - 1] ?? 0) < maxFit) {
      this.trees[at] = this.trees[at - 1] as LazyTree;
      this.fits[at] = this.fits[at - 1] ?? 0;
      at -= 1;
    }
    this.trees[at] = tree;
    this.fits[at] = maxFit;
  }
}

/** The exponent e with 2^e ≤ value < 2^(e+1), exactly (log2 alone can be off by one near a power of two). */
function exponentOf(value: number): number {
  let exponent = Math.floor(Math.log2(value));
  while (2 ** exponent > value) exponent -= 1;
  while (2 ** (exponent + 1) <= value) exponent += 1;
  return exponent;
}

/** The most min(q, p) / max(q, p) can be for p in the band. */
function bandFit(value: number, exponent: number): number {
  const low = 2 ** exponent;
  const high = 2 ** (exponent + 1);
  if (value < low) return value / low;
  if (value >= high) return high / value;
  return 1;
}

/** A canonical value that can go into a band: known, converted, positive. */
function bandable(value: number): boolean {
  return value > 0 && Number.isFinite(value);
}

/** The partner indexes of one resource and direction. */
export class PartnerTrees {
  private readonly all: LazyTree;
  private readonly unvalued: LazyTree;
  /** Partners with a value that cannot go into a band (not convertible, zero): fit as the rules say. */
  private readonly unbanded: LazyTree;
  private readonly bands: ValueBand[];

  /** Every tree it makes is added to `registry`. */
  constructor(streams: readonly PreparedStream[], sites: UnitVectors, registry: LazyTree[]) {
    this.all = new LazyTree(streams, sites, registry);
    this.unvalued = new LazyTree(
      streams.filter((stream) => !stream.hasValue),
      sites,
      registry,
    );
    const valued = streams.filter((stream) => stream.hasValue);
    this.unbanded = new LazyTree(
      valued.filter((stream) => !bandable(stream.canonicalValue)),
      sites,
      registry,
    );
    const byExponent = new Map<number, PreparedStream[]>();
    for (const stream of valued) {
      if (!bandable(stream.canonicalValue)) continue;
      const exponent = exponentOf(stream.canonicalValue);
      const list = byExponent.get(exponent);
      if (list) list.push(stream);
      else byExponent.set(exponent, [stream]);
    }
    this.bands = [...byExponent]
      .sort(([a], [b]) => a - b)
      .map(([exponent, members]) => ({ exponent, tree: new LazyTree(members, sites, registry) }));
  }

  /**
   * The trees `own` searches, best possible fit first so that the bar rises soonest, each with its bound.
   * The bound is rounded to 3 decimals as the fit is: rounding is monotone, so a fit below the bound never
   * rounds above the rounded bound.
   */
  plan(own: PreparedStream, plan: SearchPlan): void {
    plan.clear();
    if (!own.hasValue) {
      plan.add(this.all, NEUTRAL_QUANTITY_FIT);
      return;
    }
    const value = own.canonicalValue;
    if (!bandable(value)) {
      // Rare (a value of 0, or in a unit that does not convert): every partner, with the loosest bound.
      plan.add(this.all, 1);
      return;
    }
    plan.add(this.unvalued, NEUTRAL_QUANTITY_FIT);
    // An unbanded partner's unit does not convert, while this one's does: no common unit, a neutral fit
    // (or 0 and below for a value of 0 or less).
    plan.add(this.unbanded, NEUTRAL_QUANTITY_FIT);
    for (const band of this.bands) plan.add(band.tree, round(bandFit(value, band.exponent), 3));
  }
}
