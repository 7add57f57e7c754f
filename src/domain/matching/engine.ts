// The indexed engine: the partner indexes of a dataset, and the queries answered with them. Every query is a
// set of nearest-first searches (search.ts), one per stream that takes part, each offering its candidates to
// a bounded collector of the best (top-candidates.ts); only the candidates a query returns become objects.
//
// Queries over every company visit the companies in the index's own order, which keeps neighbours together
// (prepare.ts sorts them so): consecutive searches then read the same parts of the partner indexes, still
// in the processor's cache: a tenth to a fifth of the time at 10,000 and 100,000 companies. Best k per
// company goes further and runs a block of neighbours' searches tree by tree (per-company.ts).
//
// The index is an immutable snapshot of one dataset (one visibility level's view, on the server): rebuild it
// (tens of milliseconds for 10,000 companies) after a write.
import { unitVector } from './distance.ts';
import { type LazyTree, PartnerTrees } from './partner-trees.ts';
import { PartnerSearch } from './partners.ts';
import { BLOCK_SITES, bestPerCompanyInBlocks } from './per-company.ts';
import {
  checkLimit,
  type Prepared,
  type PreparedStream,
  prepare,
  resolveOptions,
  type Site,
} from './prepare.ts';
import { Search, type SearchIndex } from './search.ts';
import type { UnitVectors } from './stream-tree.ts';
import { TopCandidates } from './top-candidates.ts';
import {
  type CandidateExchange,
  type CandidateOptions,
  DEFAULT_PER_COMPANY,
  type MatchingIndex,
  type MatchingInput,
} from './types.ts';

function siteVectors(sites: readonly Site[]): UnitVectors {
  const vectors = {
    x: new Float64Array(sites.length),
    y: new Float64Array(sites.length),
    z: new Float64Array(sites.length),
  };
  for (const site of sites) {
    [vectors.x[site.index], vectors.y[site.index], vectors.z[site.index]] = unitVector(site.lon, site.lat);
  }
  return vectors;
}

class Engine implements SearchIndex {
  readonly vectors: UnitVectors;
  readonly hasOutgoing: Uint8Array;
  /** By resource and direction, built on first use: one company's query needs only its own resources. */
  private readonly partnerTrees: Array<{ output?: PartnerTrees; input?: PartnerTrees }>;
  private partnerSearch: PartnerSearch | null = null;
  readonly trees: LazyTree[] = [];

  constructor(readonly prepared: Prepared) {
    this.vectors = siteVectors(prepared.sites);
    this.hasOutgoing = Uint8Array.from(prepared.sites, (site) => (site.outgoing === null ? 0 : 1));
    this.partnerTrees = prepared.resources.map(() => ({}));
  }

  partnersOf(own: PreparedStream): PartnerTrees | null {
    const resource = own.resource;
    const trees = this.partnerTrees[resource.index];
    if (!trees) return null;
    if (own.direction === 'output') {
      trees.input ??= new PartnerTrees(resource.inputs, this.vectors, this.trees);
      return trees.input;
    }
    trees.output ??= new PartnerTrees(resource.outputs, this.vectors, this.trees);
    return trees.output;
  }

  search(options: CandidateOptions): Search {
    return new Search(this, resolveOptions(this.prepared, options));
  }

  collector(limit: number): TopCandidates {
    return new TopCandidates(this.prepared.streams, limit);
  }

  /** Built on first use: the details panel and the candidate layer never need it. */
  partners(): PartnerSearch {
    this.partnerSearch ??= new PartnerSearch(this.prepared);
    return this.partnerSearch;
  }
}

function* eachCandidate(engine: Engine, search: Search): Generator<CandidateExchange> {
  const collector = engine.collector(Number.POSITIVE_INFINITY);
  for (const site of engine.prepared.sites) {
    if (site.visibility > search.options.viewer) continue;
    collector.clear();
    search.fromSite(site, collector, true);
    yield* search.candidates(collector);
  }
}

export function createMatchingIndex(input: MatchingInput): MatchingIndex {
  const engine = new Engine(prepare(input));
  const { prepared } = engine;

  return {
    companyCount: prepared.sites.length,

    allCandidates(options = {}) {
      const search = engine.search(options);
      const collector = engine.collector(search.options.limit);
      const givers = prepared.streams.filter(
        (stream) => stream.direction === 'output' && search.includes(stream),
      );
      // Givers with a known quantity first: they can reach the highest scores, so the bar rises soonest and
      // most other searches end at their first step.
      for (const stream of givers.filter((s) => s.hasValue)) search.fromStream(stream, collector);
      for (const stream of givers.filter((s) => !s.hasValue)) search.fromStream(stream, collector);
      return search.candidates(collector);
    },

    candidatesFor(companyId, options = {}) {
      const search = engine.search(options);
      const index = prepared.siteIndex.get(companyId);
      const site = index === undefined ? undefined : prepared.sites[index];
      if (!site) return [];
      const collector = engine.collector(search.options.limit);
      search.fromSite(site, collector);
      return search.candidates(collector);
    },

    bestPerCompany(options = {}) {
      const perCompany = checkLimit(options.perCompany ?? DEFAULT_PER_COMPANY, 'perCompany');
      const collectors = Array.from({ length: BLOCK_SITES }, () => engine.collector(perCompany));
      return bestPerCompanyInBlocks(engine, engine.search({ ...options, limit: undefined }), collectors);
    },

    eachCandidate(options = {}) {
      return eachCandidate(engine, engine.search({ ...options, limit: undefined }));
    },

    partnersNear(query) {
      return engine.partners().near(query);
    },
  };
}
