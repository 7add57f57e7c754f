// The matching engine's public API. What lives where:
// - rules.ts: who takes part, how a candidate is scored, what each query returns (read this first);
// - types.ts: the inputs and outputs;
// - prepare.ts: input preparation, the dataset turned into lookup tables once per index;
// - engine.ts: the index engine (createMatchingIndex), with search.ts (one stream's search and its bound),
//   per-company.ts (best k for every company, a block of neighbours at a time), partner-trees.ts and
//   stream-tree.ts (its spatial indexes and nearest-first search), top-candidates.ts (its bounded collector)
//   and candidates.ts (candidate objects);
// - partners.ts: partner search near a point;
// - naive.ts: the naive all-pairs oracle the engine is tested and benchmarked against;
// - distance.ts: turf's great-circle distance, exactly and cheaply.
export { type CachedPoint, cachedPoint, kmBetween } from './distance.ts';
export { createMatchingIndex } from './engine.ts';
export { allCandidatesNaive, bestPerCompanyNaive } from './naive.ts';
export { matchableCompanyFromFeature, toMatchingDataset } from './prepare.ts';
export {
  candidateScore,
  canReceive,
  compareCandidates,
  DISTANCE_HALVINGS_AT_MAX,
  distanceDecay,
  matchQuantities,
  NEUTRAL_QUANTITY_FIT,
  NOVELTY_ALREADY_LINKED,
  NOVELTY_NEW,
  NOVELTY_PREVIOUSLY_REJECTED,
  noveltyFactor,
  type QuantityMatch,
} from './rules.ts';
export type * from './types.ts';
export { DEFAULT_PER_COMPANY } from './types.ts';
