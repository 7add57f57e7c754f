// One stream's search for its partners, and the bound that ends it.
//
// THE BOUND. score = decay(distance) × fit × novelty with fit ≤ 1 and novelty ≤ 1, so decay × the best fit
// a pair could have is an upper bound of every score still to come, and decay only falls with distance.
// The best fit is NEUTRAL_QUANTITY_FIT (0.5) exactly when either side has no known quantity, and otherwise
// bounded by how far apart the two values are (see partner-trees.ts). A search stops as soon as the bound
// at the nearest point it has not yet looked at cannot beat the worst candidate kept (counting ties on score
// and distance, which the id then decides), or that point is beyond the resource's transport limit. Nothing
// past that point is ever measured, scored or allocated.
//
// The bound is computed with the same rounding as the score, from a distance a little below the true lower
// bound, so it never turns away a pair that would have been kept; the property test in matching.test.ts
// holds the engine to the naive baseline's results, tie-break included, on hundreds of random regions.
import { buildCandidate, linksBetween, NO_LINKS, noveltyOf, roundedDecay } from './candidates.ts';
import { chordSquaredAt, kmBetweenCoordinates, lowerBoundKm } from './distance.ts';
import { type LazyTree, type PartnerTrees, SearchPlan } from './partner-trees.ts';
import {
  effectiveMaxKm,
  type Prepared,
  type PreparedStream,
  type ResolvedOptions,
  type Site,
} from './prepare.ts';
import { distanceForDecay, NEUTRAL_QUANTITY_FIT, NOVELTY_NEW, quickFit, ratio, round } from './rules.ts';
import { NearestFirst, POINT, type StreamTree, type UnitVectors } from './stream-tree.ts';
import type { TopCandidates } from './top-candidates.ts';
import type { CandidateExchange } from './types.ts';

/** What every search of an index reads: the data, each site's unit vector and its partner indexes. */
export interface SearchIndex {
  prepared: Prepared;
  vectors: UnitVectors;
  /** By site: 1 when exchanges start there, so that links are looked up only where there can be some. */
  hasOutgoing: Uint8Array;
  /** Where a stream looks for partners: a giver among receivers, a receiver among givers. */
  partnersOf(own: PreparedStream): PartnerTrees | null;
  /** Every tree partnersOf() has made so far, by LazyTree.id. */
  trees: readonly LazyTree[];
}

/**
 * The most a pair at least `lowerKm` apart can score with fit at most `maxFit`: the rounded decay of a
 * distance 6 m below the lower bound (the rounded distance a candidate shows is at most 5 m below the true
 * one), so that the bound stays an upper bound through every rounding.
 */
function upperScore(lowerKm: number, maxTransportKm: number, maxFit: number): number {
  const decay = roundedDecay(Math.max(0, lowerKm - 0.006), maxTransportKm);
  return round(decay * maxFit, 3);
}

/**
 * How far a search still has to go, as two squared chords derived from the collector's worst kept score:
 * up to `certain`, everything is within range and has an upper bound above that score, so the search need
 * not check its bound; beyond `hopeless`, nothing is within range or can reach that score, so the search
 * neither queues nor looks at it. Only the thin band between them needs the exact check. Both come from
 * the inverse of the decay with margins that cover every rounding (see upperScore), and are recomputed only
 * when the collector changes, so most steps of a search cost no exp().
 */
class Bar {
  certain = -1;
  hopeless = Number.POSITIVE_INFINITY;
  private version = -1;
  /** The worst kept score the bar was computed from (null: the collector had room), undefined: none yet. */
  private floor: number | null | undefined = undefined;
  private maxFit = 1;
  private maxTransportKm = 1;
  private maxKm = 0;

  reset(maxFit: number, maxTransportKm: number, maxKm: number): void {
    this.maxFit = maxFit;
    this.maxTransportKm = maxTransportKm;
    this.maxKm = maxKm;
    this.version = -1;
    this.floor = undefined;
  }

  /**
   * Brings the bar up to the collector; true when it changed. A bar computed from a lower score than the
   * collector's is still safe, only looser (it keeps a little more, and checks a little later), so it is
   * recomputed only once the score has risen by 0.005: most rises are smaller, and each costs two logs.
   */
  update(collector: TopCandidates): boolean {
    if (collector.version === this.version) return false;
    this.version = collector.version;
    const floor = collector.floorScore();
    const previous = this.floor;
    if (
      previous !== undefined &&
      (floor === null ? previous === null : previous !== null && floor - previous < 0.005)
    ) {
      return false;
    }
    this.floor = floor;
    let certainKm = this.maxKm;
    let hopelessKm = this.maxKm;
    if (floor !== null) {
      const decayAbove = (floor + 0.0011) / this.maxFit;
      certainKm = decayAbove >= 1 ? -1 : Math.min(certainKm, 0.006 + this.kmFor(decayAbove) - 1e-6);
      const decayBelow = (floor - 0.0011) / this.maxFit - 0.0006;
      if (decayBelow > 0) hopelessKm = Math.min(hopelessKm, 0.006 + this.kmFor(decayBelow) + 1e-6);
    }
    this.certain = chordSquaredAt(certainKm, 'below');
    this.hopeless = chordSquaredAt(hopelessKm, 'above');
    return true;
  }

  private kmFor(decay: number): number {
    return distanceForDecay(decay, this.maxTransportKm);
  }
}

/** One query's searches; one per query (never shared), so that lazy iterators may interleave. */
export class Search {
  private readonly nearest = new NearestFirst();
  private readonly bar = new Bar();
  private readonly plan = new SearchPlan();

  constructor(
    private readonly index: SearchIndex,
    readonly options: ResolvedOptions,
  ) {}

  /** Whether this stream takes part in this query at all. */
  includes(stream: PreparedStream): boolean {
    return this.options.resources[stream.resource.index] === true && stream.visibility <= this.options.viewer;
  }

  /** Offers `own`'s candidates to `collector`, nearest first, until no further one could get in. */
  fromStream(own: PreparedStream, collector: TopCandidates): void {
    const partners = this.index.partnersOf(own);
    if (!partners) return;
    const plan = this.plan;
    partners.plan(own, plan);
    for (let step = 0; step < plan.size; step++) {
      const maxFit = plan.fits[step] ?? 0;
      // At distance 0 the bound is maxFit itself: a tree that cannot reach the bar is not even entered.
      const floor = collector.floorScore();
      if (floor !== null && maxFit < floor) return;
      const tree = plan.trees[step];
      if (tree) this.inTree(own, tree.tree, maxFit, collector);
    }
  }

  /** Offers `own`'s candidates in one tree of its plan, unless even its best fit cannot reach the bar. */
  fromTree(own: PreparedStream, tree: LazyTree, maxFit: number, collector: TopCandidates): void {
    const floor = collector.floorScore();
    if (floor !== null && maxFit < floor) return;
    this.inTree(own, tree.tree, maxFit, collector);
  }

  /**
   * Offers the candidates of the company's streams that take part (only its outputs with `givingOnly`),
   * those with a known quantity first: they can reach the highest scores, so the bar rises soonest.
   */
  fromSite(site: Site, collector: TopCandidates, givingOnly = false): void {
    if (site.visibility > this.options.viewer) return;
    for (const valued of [true, false]) {
      for (const stream of site.streams) {
        if (stream.hasValue !== valued || !this.includes(stream)) continue;
        if (!givingOnly || stream.direction === 'output') this.fromStream(stream, collector);
      }
    }
  }

  private inTree(own: PreparedStream, tree: StreamTree, maxFit: number, collector: TopCandidates): void {
    const { index, nearest, bar } = this;
    const { viewer, includeExisting } = this.options;
    const maxKm = effectiveMaxKm(own.resource, this.options);
    const maxTransportKm = own.resource.maxTransportKm;
    const gives = own.direction === 'output';
    const ownSite = own.site.index;
    const { lon: ownLon, lat: ownLat, cosLat: ownCosLat } = own.site;
    const ownValued = own.hasValue;
    const points = tree.points;
    const { x, y, z } = index.vectors;
    bar.reset(maxFit, maxTransportKm, maxKm);
    bar.update(collector);
    nearest.start(tree, x[ownSite] ?? 0, y[ownSite] ?? 0, z[ownSite] ?? 0);
    nearest.cutoff = bar.hopeless;
    for (;;) {
      const key = nearest.topKey();
      if (bar.update(collector)) nearest.cutoff = Math.min(nearest.cutoff, bar.hopeless);
      if (key > bar.hopeless) return;
      if (key > bar.certain) {
        const lowerKm = lowerBoundKm(key);
        if (lowerKm > maxKm) return;
        const bound = upperScore(lowerKm, maxTransportKm, maxFit);
        if (!collector.admits(bound, round(lowerKm, 2))) return;
      }
      nearest.take();
      for (let taken = 0; taken < nearest.taken; taken++) {
        // The bar may have risen since the node was queued; the points come nearest first, so once one
        // cannot get in, none after it can.
        if (bar.update(collector)) nearest.cutoff = Math.min(nearest.cutoff, bar.hopeless);
        const pointKey = nearest.pointKeys[taken] ?? 0;
        if (pointKey > bar.hopeless) break;
        if (pointKey > bar.certain) {
          const lowerKm = lowerBoundKm(pointKey);
          if (lowerKm > maxKm) break;
          if (!collector.admits(upperScore(lowerKm, maxTransportKm, maxFit), round(lowerKm, 2))) break;
        }
        const at = nearest.positions[taken] ?? 0;
        const row = at * POINT.stride;
        const partnerSite = points[row + POINT.site] ?? -1;
        if (partnerSite === ownSite || (points[row + POINT.visibility] ?? 0) > viewer) continue;
        const lon = points[row + POINT.lon] ?? 0;
        const lat = points[row + POINT.lat] ?? 0;
        const cosLat = points[row + POINT.cosLat] ?? 0;
        // Always from giver to receiver: the exact distance is not symmetric in its last bit.
        const km = gives
          ? kmBetweenCoordinates(ownLon, ownLat, ownCosLat, lon, lat, cosLat)
          : kmBetweenCoordinates(lon, lat, cosLat, ownLon, ownLat, ownCosLat);
        if (km > maxKm) continue;
        const distanceKm = round(km, 2);
        const decay = roundedDecay(distanceKm, maxTransportKm);
        const partner = points[row + POINT.stream] ?? 0;
        const valued = ownValued && points[row + POINT.valued] === 1;
        const fit = valued
          ? round(this.fit(own, partner, points[row + POINT.value] ?? Number.NaN), 3)
          : NEUTRAL_QUANTITY_FIT;
        // Novelty is at most 1: when even that cannot get in, the exchanges need not be looked up.
        if (!collector.admits(round(decay * fit, 3), distanceKm)) continue;
        const output = gives ? own.index : partner;
        const input = gives ? partner : own.index;
        let novelty = NOVELTY_NEW;
        if (index.hasOutgoing[gives ? ownSite : partnerSite] === 1) {
          const streams = index.prepared.streams;
          const links = linksBetween(
            streams[output] as PreparedStream,
            streams[input] as PreparedStream,
            viewer,
          );
          if (links.existing && !includeExisting) continue;
          novelty = noveltyOf(links);
        }
        collector.offer(round(decay * fit * novelty, 3), distanceKm, km, fit, output, input);
      }
    }
  }

  /** The fit of two streams that both have a value: in the canonical unit, or failing that as the rules say. */
  private fit(own: PreparedStream, partner: number, partnerValue: number): number {
    if (!Number.isNaN(own.canonicalValue) && !Number.isNaN(partnerValue)) {
      return ratio(own.canonicalValue, partnerValue);
    }
    const other = this.index.prepared.streams[partner] as PreparedStream;
    const [output, input] = own.direction === 'output' ? [own, other] : [other, own];
    return quickFit(output.quantity, input.quantity, own.resource.canonicalUnit);
  }

  /** The collected pairs as candidates, best first. */
  candidates(collector: TopCandidates): CandidateExchange[] {
    const { prepared, hasOutgoing } = this.index;
    const streams = prepared.streams;
    const viewer = this.options.viewer;
    const slots = collector.sorted();
    const candidates: CandidateExchange[] = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] ?? 0;
      const output = streams[collector.outputAt(slot)] as PreparedStream;
      const input = streams[collector.inputAt(slot)] as PreparedStream;
      const links = hasOutgoing[output.site.index] === 1 ? linksBetween(output, input, viewer) : NO_LINKS;
      candidates[i] = buildCandidate(output, input, collector.kmAt(slot), links, collector.fitAt(slot));
    }
    return candidates;
  }
}
