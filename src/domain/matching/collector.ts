// Sorting candidates and keeping only the best ones.
import { compareCandidates, compareIds } from './rules.ts';
import type { CandidateExchange } from './types.ts';

// ——— Sorting ——————————————————————————————————————————————————————————————————————————————————————————————————

// Score (3 decimals) and distance (2 decimals) are small integers in disguise, so together with the position
// in the list they pack into one exactly representable double (score rank × distance × position < 2^53). A
// native numeric sort of those doubles is several times faster than a comparator sort of objects; ties on
// score and distance are then put in id order run by run.
export const SCORE_RANKS = 1001;

export function centiKm(candidate: CandidateExchange): number {
  return Math.round(candidate.distanceKm * 100);
}

/** The same order as `list.sort(compareCandidates)`. */
export function sortCandidates(list: CandidateExchange[]): CandidateExchange[] {
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

export function sortTiesById(sorted: CandidateExchange[]): CandidateExchange[] {
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

export function sameRank(a: CandidateExchange, b: CandidateExchange | undefined): boolean {
  return b !== undefined && a.score === b.score && a.distanceKm === b.distanceKm;
}

// ——— Collecting the best candidates ————————————————————————————————————————————————————————————————————————

/**
 * Keeps all candidates, or with a limit only the best ones in a heap whose root is the worst kept; a candidate
 * that cannot beat the root is rejected on score and distance before any object is built for it.
 */
export class CandidateCollector {
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
