// The matching engine's public API. What lives where:
// - rules.ts: who takes part and how a candidate is scored (read this first);
// - types.ts: the inputs and outputs;
// - prepare.ts: the dataset turned into lookup tables, built once per index;
// - engine.ts: the indexed engine (createMatchingIndex);
// - partners.ts: partner search near a point;
// - naive.ts: the naive all-pairs oracle the engine is tested and benchmarked against.
export { type CachedPoint, cachedPoint, kmBetween } from './distance.ts';
export { createMatchingIndex } from './engine.ts';
export { allCandidatesNaive } from './naive.ts';
export { matchableCompanyFromFeature, toMatchingDataset } from './prepare.ts';
export {
  CURRENT_STREAM_STATUSES,
  candidateScore,
  canReceive,
  compareCandidates,
  DISTANCE_HALVINGS_AT_MAX,
  distanceDecay,
  isCurrentStream,
  matchQuantities,
  NEUTRAL_QUANTITY_FIT,
  NOVELTY_ALREADY_LINKED,
  NOVELTY_NEW,
  NOVELTY_PREVIOUSLY_REJECTED,
  noveltyFactor,
  type QuantityMatch,
} from './rules.ts';
export type * from './types.ts';
