// The naive baseline: every output stream against every input stream, turf distance for each pair of the
// same resource, no index, no pruning: O(streams²). It is the oracle the indexed engine is tested against
// (it must return exactly the same candidates) and the baseline the benchmark measures it against. It shares
// the rules and the candidate builder with the engine, but none of the engine's search, bounds or bookkeeping.
import { distance } from '@turf/turf';
import type { Position } from '../geojson.ts';
import { buildCandidate, linksBetween, noveltyOf, type PairLinks, roundedDecay } from './candidates.ts';
import { KILOMETRES } from './distance.ts';
import {
  checkLimit,
  effectiveMaxKm,
  type Prepared,
  type PreparedStream,
  prepare,
  type ResolvedOptions,
  resolveOptions,
} from './prepare.ts';
import { compareCandidates, quickFit, round } from './rules.ts';
import {
  type BestPerCompanyOptions,
  type CandidateExchange,
  type CandidateOptions,
  type CompanyCandidates,
  DEFAULT_PER_COMPANY,
  type MatchingInput,
} from './types.ts';

type PairVisitor = (output: PreparedStream, input: PreparedStream, km: number, links: PairLinks) => void;

/** Every pair that is a candidate under these options. */
function forEachCandidatePair(prepared: Prepared, options: ResolvedOptions, visit: PairVisitor): void {
  const outputs = prepared.streams.filter((stream) => stream.direction === 'output');
  const inputs = prepared.streams.filter((stream) => stream.direction === 'input');
  const positions: Position[] = prepared.sites.map((site) => [site.lon, site.lat]);
  for (const output of outputs) {
    for (const input of inputs) {
      const resource = output.resource;
      if (input.resource !== resource || input.site === output.site || !options.resources[resource.index]) {
        continue;
      }
      if (output.visibility > options.viewer || input.visibility > options.viewer) continue;
      const km = distance(
        positions[output.site.index] as Position,
        positions[input.site.index] as Position,
        KILOMETRES,
      );
      if (km > effectiveMaxKm(resource, options)) continue;
      const links = linksBetween(output, input, options.viewer);
      if (links.existing && !options.includeExisting) continue;
      visit(output, input, km, links);
    }
  }
}

/** The score buildCandidate() would give, without building it: most pairs are turned away on it. */
function scoreOf(output: PreparedStream, input: PreparedStream, km: number, links: PairLinks) {
  const resource = output.resource;
  const distanceKm = round(km, 2);
  const decay = roundedDecay(distanceKm, resource.maxTransportKm);
  const fit = round(quickFit(output.quantity, input.quantity, resource.canonicalUnit), 3);
  return { score: round(decay * fit * noveltyOf(links), 3), distanceKm };
}

/** The best `limit` candidates offered, in a heap whose root is the worst kept. */
class BestCandidates {
  private readonly kept: CandidateExchange[] = [];

  constructor(private readonly limit: number) {}

  /** false when a candidate with this score and distance certainly would not be kept. */
  wants(score: number, distanceKm: number): boolean {
    if (this.kept.length < this.limit) return true;
    const worst = this.kept[0];
    if (!worst) return false;
    return score > worst.score || (score === worst.score && distanceKm <= worst.distanceKm);
  }

  add(candidate: CandidateExchange): void {
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
    return [...this.kept].sort(compareCandidates);
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

function offer(
  collector: BestCandidates,
  output: PreparedStream,
  input: PreparedStream,
  km: number,
  links: PairLinks,
): void {
  const { score, distanceKm } = scoreOf(output, input, km, links);
  if (collector.wants(score, distanceKm)) collector.add(buildCandidate(output, input, km, links));
}

/** The global best `options.limit` candidates; without a limit all of them. */
export function allCandidatesNaive(
  input: MatchingInput,
  options: CandidateOptions = {},
): CandidateExchange[] {
  const prepared = prepare(input);
  const resolved = resolveOptions(prepared, options);
  const collector = new BestCandidates(resolved.limit);
  forEachCandidatePair(prepared, resolved, (output, into, km, links) => {
    offer(collector, output, into, km, links);
  });
  return collector.results();
}

/** Best k per company: every pair offered to the giver's and the receiver's own list of the best k. */
export function bestPerCompanyNaive(
  input: MatchingInput,
  options: BestPerCompanyOptions = {},
): CompanyCandidates[] {
  const prepared = prepare(input);
  const perCompany = checkLimit(options.perCompany ?? DEFAULT_PER_COMPANY, 'perCompany');
  const resolved = resolveOptions(prepared, { ...options, limit: undefined });
  const collectors = prepared.sites.map(() => new BestCandidates(perCompany));
  forEachCandidatePair(prepared, resolved, (output, into, km, links) => {
    for (const site of [output.site, into.site]) {
      const collector = collectors[site.index];
      if (collector) offer(collector, output, into, km, links);
    }
  });
  return prepared.sites
    .filter((site) => site.visibility <= resolved.viewer)
    .map((site) => ({ companyId: site.id, candidates: collectors[site.index]?.results() ?? [] }));
}
