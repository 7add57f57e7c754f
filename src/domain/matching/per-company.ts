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

/** Task numbers take the low 24 bits of a sort key, tree ids the 20 above, the group (round) the rest. */
const TASK_BITS = 2 ** 24;
const TREE_BITS = 2 ** 20;
/** Rounds of a known quantity's plan beyond this share a group (only the order of searches changes). */
const LAST_ROUND = 62;
/** Streams without a known quantity (a plan of one tree each) come after every round. */
const UNVALUED_GROUP = LAST_ROUND + 1;
/** A block closes early past this many tasks, so that a block's task numbers fit their bits. */
const MAX_BLOCK_TASKS = TASK_BITS / 2;

/**
 * The searches of one block, in typed arrays: which stream searches which tree with what bound, for which
 * collector. They are put in order by sorting one number per task (group, tree, then the order they were
 * added: site by site), which takes a native numeric sort and no object per task.
 */
class BlockTasks {
  count = 0;
  keys = new Float64Array(1024);
  streams = new Int32Array(1024);
  trees = new Int32Array(1024);
  slots = new Int32Array(1024);
  fits = new Float64Array(1024);

  add(stream: PreparedStream, step: number, tree: LazyTree, fit: number, slot: number): void {
    if (this.count === this.keys.length) this.grow();
    const task = this.count;
    this.count += 1;
    // A tree id never reaches TREE_BITS: a resource has at most a few thousand value bands.
    const group = stream.hasValue ? Math.min(step, LAST_ROUND) : UNVALUED_GROUP;
    this.keys[task] = (group * TREE_BITS + tree.id) * TASK_BITS + task;
    this.streams[task] = stream.index;
    this.trees[task] = tree.id;
    this.slots[task] = slot;
    this.fits[task] = fit;
  }

  /** The tasks in the order to run them, as task numbers in `keys` (low bits). */
  sorted(): Float64Array {
    return this.keys.subarray(0, this.count).sort();
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    this.keys = keys;
    const fits = new Float64Array(size);
    fits.set(this.fits);
    this.fits = fits;
    for (const name of ['streams', 'trees', 'slots'] as const) {
      const grown = new Int32Array(size);
      grown.set(this[name]);
      this[name] = grown;
    }
  }
}

export function* bestPerCompanyInBlocks(
  index: SearchIndex,
  search: Search,
  collectors: readonly TopCandidates[],
): Generator<CompanyCandidates> {
  const { sites, streams } = index.prepared;
  const viewer = search.options.viewer;
  const plan = new SearchPlan();
  const tasks = new BlockTasks();
  const block: Site[] = [];
  let next = 0;
  while (next < sites.length) {
    block.length = 0;
    tasks.count = 0;
    while (next < sites.length && block.length < collectors.length && tasks.count < MAX_BLOCK_TASKS) {
      const site = sites[next] as Site;
      next += 1;
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
    const order = tasks.sorted();
    for (let i = 0; i < order.length; i++) {
      const key = order[i] ?? 0;
      const task = key - Math.floor(key / TASK_BITS) * TASK_BITS;
      search.fromTree(
        streams[tasks.streams[task] ?? 0] as PreparedStream,
        index.trees[tasks.trees[task] ?? 0] as LazyTree,
        tasks.fits[task] ?? 0,
        collectors[tasks.slots[task] ?? 0] as TopCandidates,
      );
    }
    for (let slot = 0; slot < block.length; slot++) {
      const site = block[slot] as Site;
      yield { companyId: site.id, candidates: search.candidates(collectors[slot] as TopCandidates) };
    }
  }
}
