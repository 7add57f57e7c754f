// What the dataset checks report, in a module of its own so that the checks (geo-checks.ts, lifetime-checks.ts,
// quantity-checks.ts) and dataset-validation.ts, which runs them, all depend on it rather than on each other.

export const PROBLEM_RULES = [
  'schema',
  'geojson',
  'bounds',
  'duplicate-id',
  'reference',
  'years',
  'status',
  'visibility',
  'palette',
  'municipality',
  /** A figure without its reference year or a checkable source (quantity-checks.ts). */
  'provenance',
  /** An impact figure that adds up figures that must not be added (quantity-checks.ts). */
  'impact-sum',
  /** An exchange flowing before one of its ends existed or after it closed (lifetime-checks.ts). */
  'lifetime',
  /** A membership period that contradicts the company's role or its own years (lifetime-checks.ts). */
  'membership',
] as const;
export type ProblemRule = (typeof PROBLEM_RULES)[number];

export interface Problem {
  rule: ProblemRule;
  /** Where, e.g. `exchanges[asnaes-steam-to-novo-nordisk].endYear`. */
  path: string;
  message: string;
}

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];
