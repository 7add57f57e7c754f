// The indexed engine's collector: the best `limit` candidates seen so far, as stream pairs in typed arrays,
// so that a pair that does not get in costs no allocation and one that gets in costs no object until the
// query is answered. With a limit it is a heap whose root is the worst kept, and that root is the bar every
// further pair (and, through the search's bound, every further part of the map) has to clear.

import { compareIds } from '../ids.ts';
import type { PreparedStream } from './prepare.ts';

/**
 * The order of `cand-${output}--${input}` ids, without building the strings in the common cases: when the
 * outputs differ and neither id is a prefix of the other, the first difference lies inside them.
 */
export function compareCandidateIds(
  outputA: PreparedStream,
  inputA: PreparedStream,
  outputB: PreparedStream,
  inputB: PreparedStream,
): number {
  if (outputA === outputB) return compareIds(inputA.id, inputB.id);
  const a = outputA.id;
  const b = outputB.id;
  if (!a.startsWith(b) && !b.startsWith(a)) return compareIds(a, b);
  return compareIds(`${a}--${inputA.id}`, `${b}--${inputB.id}`);
}

/**
 * The kept pairs sit in fixed slots of typed arrays; the heap orders slot numbers only, so that moving an
 * entry up or down the heap moves one number, not six.
 */
export class TopCandidates {
  private scores: Float64Array;
  private distances: Float64Array;
  /** The exact (turf) distance, so that building the candidate need not measure again. */
  private kms: Float64Array;
  /** The rounded quantity fit, so that building the candidate need not read the quantities again. */
  private fits: Float64Array;
  private outputs: Int32Array;
  private inputs: Int32Array;
  /** Slots in heap order, the worst kept at the root (only with a finite limit). */
  private heap: Int32Array;
  private count = 0;
  /** Changes whenever floorScore() may have changed, so that a search can cache the bar it derives from it. */
  private changes = 0;

  /** `limit` may be infinite: then every candidate offered is kept (no heap needed). */
  constructor(
    private readonly streams: readonly PreparedStream[],
    readonly limit: number,
  ) {
    const capacity = Number.isFinite(limit) ? Math.max(1, limit) : 64;
    this.scores = new Float64Array(capacity);
    this.distances = new Float64Array(capacity);
    this.kms = new Float64Array(capacity);
    this.fits = new Float64Array(capacity);
    this.outputs = new Int32Array(capacity);
    this.inputs = new Int32Array(capacity);
    this.heap = new Int32Array(Number.isFinite(limit) ? capacity : 0);
  }

  get size(): number {
    return this.count;
  }

  get version(): number {
    return this.changes;
  }

  /** The worst kept score once the collector is full; null while there is room. */
  floorScore(): number | null {
    if (this.count < this.limit) return null;
    return this.limit === 0 ? Number.POSITIVE_INFINITY : (this.scores[this.heap[0] ?? 0] ?? 0);
  }

  clear(): void {
    this.count = 0;
    this.changes += 1;
  }

  /** Whether a candidate with at most this score and at least this rounded distance could still get in. */
  admits(score: number, distanceKm: number): boolean {
    if (this.count < this.limit) return true;
    if (this.limit === 0) return false;
    const worst = this.heap[0] ?? 0;
    const worstScore = this.scores[worst] ?? 0;
    return score > worstScore || (score === worstScore && distanceKm <= (this.distances[worst] ?? 0));
  }

  offer(score: number, distanceKm: number, km: number, fit: number, output: number, input: number): void {
    if (this.count < this.limit) {
      if (this.count === this.scores.length) this.grow();
      const slot = this.count;
      this.put(slot, score, distanceKm, km, fit, output, input);
      this.count += 1;
      if (Number.isFinite(this.limit)) {
        this.heap[slot] = slot;
        this.siftUp(slot);
        // The bar (floorScore) exists only once the collector is full.
        if (this.count === this.limit) this.changes += 1;
      }
      return;
    }
    if (this.limit === 0) return;
    const worst = this.heap[0] ?? 0;
    if (!this.before(score, distanceKm, output, input, worst)) return;
    this.put(worst, score, distanceKm, km, fit, output, input);
    this.changes += 1;
    this.siftDown(0);
  }

  /** The kept pairs, best first, as slots to read with outputAt(), inputAt(), kmAt() and fitAt(). */
  sorted(): number[] {
    // A loop, not Array.from({ length }, …): that one calls back per element, for every company's list.
    const order: number[] = [];
    for (let i = 0; i < this.count; i++) order.push(i);
    if (order.length <= 32) {
      // A company's ten: insertion sort, without a comparator call per step.
      for (let i = 1; i < order.length; i++) {
        const slot = order[i] ?? 0;
        let j = i;
        while (j > 0 && this.after(order[j - 1] ?? 0, slot)) {
          order[j] = order[j - 1] ?? 0;
          j -= 1;
        }
        order[j] = slot;
      }
      return order;
    }
    return order.sort((i, j) => (this.after(i, j) ? 1 : this.after(j, i) ? -1 : 0));
  }

  outputAt(slot: number): number {
    return this.outputs[slot] ?? -1;
  }

  inputAt(slot: number): number {
    return this.inputs[slot] ?? -1;
  }

  kmAt(slot: number): number {
    return this.kms[slot] ?? Number.NaN;
  }

  fitAt(slot: number): number {
    return this.fits[slot] ?? Number.NaN;
  }

  private put(
    slot: number,
    score: number,
    distanceKm: number,
    km: number,
    fit: number,
    output: number,
    input: number,
  ): void {
    this.scores[slot] = score;
    this.distances[slot] = distanceKm;
    this.kms[slot] = km;
    this.fits[slot] = fit;
    this.outputs[slot] = output;
    this.inputs[slot] = input;
  }

  private grow(): void {
    const size = this.scores.length * 2;
    const grown = (from: Float64Array) => {
      const to = new Float64Array(size);
      to.set(from);
      return to;
    };
    this.scores = grown(this.scores);
    this.distances = grown(this.distances);
    this.kms = grown(this.kms);
    this.fits = grown(this.fits);
    const outputs = new Int32Array(size);
    outputs.set(this.outputs);
    this.outputs = outputs;
    const inputs = new Int32Array(size);
    inputs.set(this.inputs);
    this.inputs = inputs;
  }

  /** Whether a pair sorts before the one in `slot`: score desc, distance asc, id asc. */
  private before(score: number, distanceKm: number, output: number, input: number, slot: number): boolean {
    const keptScore = this.scores[slot] ?? 0;
    if (score !== keptScore) return score > keptScore;
    const keptKm = this.distances[slot] ?? 0;
    if (distanceKm !== keptKm) return distanceKm < keptKm;
    return this.compareIdsOf(output, input, this.outputs[slot] ?? 0, this.inputs[slot] ?? 0) < 0;
  }

  /** Whether the entry in slot a sorts after the one in slot b. */
  private after(a: number, b: number): boolean {
    const scoreA = this.scores[a] ?? 0;
    const scoreB = this.scores[b] ?? 0;
    if (scoreA !== scoreB) return scoreA < scoreB;
    const kmA = this.distances[a] ?? 0;
    const kmB = this.distances[b] ?? 0;
    if (kmA !== kmB) return kmA > kmB;
    return (
      this.compareIdsOf(
        this.outputs[a] ?? 0,
        this.inputs[a] ?? 0,
        this.outputs[b] ?? 0,
        this.inputs[b] ?? 0,
      ) > 0
    );
  }

  private compareIdsOf(outputA: number, inputA: number, outputB: number, inputB: number): number {
    const streams = this.streams;
    const [a, b, c, d] = [streams[outputA], streams[inputA], streams[outputB], streams[inputB]];
    if (!a || !b || !c || !d) return 0;
    return compareCandidateIds(a, b, c, d);
  }

  /** Heap order: a parent is worse than (sorts after) its children. */
  private siftUp(start: number): void {
    const heap = this.heap;
    let i = start;
    const slot = heap[i] ?? 0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentSlot = heap[parent] ?? 0;
      if (!this.after(slot, parentSlot)) break;
      heap[i] = parentSlot;
      i = parent;
    }
    heap[i] = slot;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const count = this.count;
    let i = start;
    const slot = heap[i] ?? 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= count) break;
      const right = left + 1;
      let child = left;
      if (right < count && this.after(heap[right] ?? 0, heap[left] ?? 0)) child = right;
      const childSlot = heap[child] ?? 0;
      if (!this.after(childSlot, slot)) break;
      heap[i] = childSlot;
      i = child;
    }
    heap[i] = slot;
  }
}
