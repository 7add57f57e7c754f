// Best k for every company: the searches of a block of neighbouring companies run tree by tree.
//
// Why blocks: a company's searches go to the trees of its own resources, so consecutive companies mostly
// read different trees, and each search starts with a processor cache that holds someone else's tree.
// The time then goes into waiting for memory rather than into arithmetic. A block is a run of companies in
// the index's order (prepare.ts keeps neighbours together), so when all of the block's searches in one tree
// run one after the other, they read the same few nodes and leaves of it, and all but the first find them
// in the cache.
//
// The order of the searches changes, not what they find: each company keeps its own collector, and a
// collector keeps the best `perCompany` whatever the order it is offered pairs in (ties included). Only how
// early each search can stop depends on the order, so it stays close to the one-company-at-a-time order
// (search.ts, fromSite): a company's streams with a known quantity first, then the rest; and each stream's
// trees best possible fit first, one step of every stream's plan (a round) before the next.
import type { LazyTree } from './partner-trees.ts';
import { SearchPlan } from './partner-trees.ts';
import type { PreparedStream, Site } from './prepare.ts';
import type { Search, SearchIndex } from './search.ts';
import type { TopCandidates } from './top-candidates.ts';
import type { CompanyCandidates } from './types.ts';

/**
 * Companies per block: enough for the block's searches in a tree to share its nodes, few enough that the
 * block's part of every tree stays in the cache (and that a consumer waits for little before the first).
 */
export const BLOCK_SITES = 256;

/** The searches of one block: which stream searches which tree, with what bound, for which collector. */
class BlockTasks {
  readonly streams: PreparedStream[] = [];
  readonly fits: number[] = [];
  readonly collectors: number[] = [];
  /** Streams with a known quantity, by round: each tree's tasks, in the order they were added. */
  private readonly rounds: Array<Map<LazyTree, number[]>> = [];
  /** Streams without one search one tree each: their tasks come after every round. */
  private readonly unvalued = new Map<LazyTree, number[]>();
  private count = 0;

  clear(): void {
    this.count = 0;
    for (const round of this.rounds) round.clear();
    this.unvalued.clear();
  }

  add(stream: PreparedStream, step: number, tree: LazyTree, fit: number, collector: number): void {
    const task = this.count;
    this.count += 1;
    this.streams[task] = stream;
    this.fits[task] = fit;
    this.collectors[task] = collector;
    let byTree = this.unvalued;
    if (stream.hasValue) {
      while (this.rounds.length <= step) this.rounds.push(new Map());
      byTree = this.rounds[step] as Map<LazyTree, number[]>;
    }
    const tasks = byTree.get(tree);
    if (tasks) tasks.push(task);
    else byTree.set(tree, [task]);
  }

  /** Every task: round by round, then those without a quantity, each group tree by tree. */
  *inOrder(): Generator<[LazyTree, number[]]> {
    for (const round of this.rounds) yield* round;
    yield* this.unvalued;
  }
}

export function* bestPerCompanyInBlocks(
  index: SearchIndex,
  search: Search,
  collectors: readonly TopCandidates[],
): Generator<CompanyCandidates> {
  const sites = index.prepared.sites;
  const viewer = search.options.viewer;
  const plan = new SearchPlan();
  const tasks = new BlockTasks();
  const block: Site[] = [];
  for (let first = 0; first < sites.length; first += collectors.length) {
    block.length = 0;
    tasks.clear();
    const end = Math.min(sites.length, first + collectors.length);
    for (let i = first; i < end; i++) {
      const site = sites[i] as Site;
      if (site.visibility > viewer) continue;
      const slot = block.length;
      block.push(site);
      (collectors[slot] as TopCandidates).clear();
      for (const stream of site.streams) {
        if (!search.includes(stream)) continue;
        const partners = index.partnersOf(stream);
        if (!partners) continue;
        partners.plan(stream, plan);
        for (let step = 0; step < plan.size; step++) {
          tasks.add(stream, step, plan.trees[step] as LazyTree, plan.fits[step] ?? 0, slot);
        }
      }
    }
    for (const [tree, list] of tasks.inOrder()) {
      for (const task of list) {
        const collector = collectors[tasks.collectors[task] ?? 0] as TopCandidates;
        search.fromTree(tasks.streams[task] as PreparedStream, tree, tasks.fits[task] ?? 0, collector);
      }
    }
    for (let slot = 0; slot < block.length; slot++) {
      const site = block[slot] as Site;
      yield { companyId: site.id, candidates: search.candidates(collectors[slot] as TopCandidates) };
    }
  }
}
