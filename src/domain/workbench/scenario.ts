// What-if scenarios: the secretariat picks computed candidates and sees what the region would save per year if
// they went ahead, net of moving the side-streams. Every figure here is an estimate from a sourced factor
// (impact-factors.ts for the saving, transport-factors.ts for the transport) and says which; a candidate
// without a factor or a known quantity is listed as such, never counted as zero. Figures of different units
// are never added: each metric has its own unit, and transport (t CO₂e) only ever nets against CO₂.
// Today's sourced figures are returned beside the estimates, never added to them.
import { z } from 'zod';
import { LIMITS, textSchema } from '../common.ts';
import { type Exchange, type ExchangeImpact, ExchangeImpactSchema } from '../exchange.ts';
import {
  EstimatedImpactSchema,
  type ImpactFactor,
  ImpactFactorSchema,
  type ImpactFigure,
  ImpactFigureSchema,
} from '../impact.ts';
import { type CandidateExchange, CandidateExchangeSchema } from '../matching/types.ts';
import {
  estimateTransport,
  TransportEstimateSchema,
  type TransportFactor,
  TransportFactorSchema,
  TransportGapSchema,
} from './transport-factors.ts';

/** A computed candidate's id (`cand-<output stream>--<input stream>`, see matching/types.ts). */
export const CandidateIdSchema = z
  .string()
  .max(2 * LIMITS.idLength + 10)
  .regex(/^cand-[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'a computed candidate id looks like "cand-<output stream id>--<input stream id>"',
  });

/** At most this many candidates in one scenario: enough for a region's plan, small enough to print. */
export const MAX_SCENARIO_CANDIDATES = 50;

const ScenarioNameSchema = textSchema(LIMITS.shortText).trim().min(1, { error: 'give the scenario a name' });
const ScenarioCandidatesSchema = z
  .array(CandidateIdSchema)
  .min(1, { error: 'pick at least one candidate' })
  .max(MAX_SCENARIO_CANDIDATES, { error: `at most ${MAX_SCENARIO_CANDIDATES} candidates` })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'a candidate is listed twice' });

/** A saved scenario as the store keeps it. Secretariat-only: its name and picks reach no other caller. */
export const ScenarioSchema = z
  .strictObject({
    name: ScenarioNameSchema,
    candidateIds: ScenarioCandidatesSchema,
    /** As the audit log names actors (`staff`). */
    createdBy: z.string(),
    /** ISO 8601, set by the server. */
    createdAt: z.string(),
  })
  .meta({ id: 'Scenario' });
export type Scenario = z.infer<typeof ScenarioSchema>;

export const ScenarioCreateSchema = z
  .strictObject({ name: ScenarioNameSchema, candidateIds: ScenarioCandidatesSchema })
  .meta({ id: 'ScenarioCreate' });
export type ScenarioCreate = z.infer<typeof ScenarioCreateSchema>;

export const ScenarioPatchSchema = z
  .strictObject({ name: ScenarioNameSchema.optional(), candidateIds: ScenarioCandidatesSchema.optional() })
  .refine((patch) => patch.name !== undefined || patch.candidateIds !== undefined, {
    error: 'send a new name, new candidates, or both',
  })
  .meta({ id: 'ScenarioPatch' });
export type ScenarioPatch = z.infer<typeof ScenarioPatchSchema>;

// ——— The computation ——————————————————————————————————————————————————————————————————————————————————————

export const SCENARIO_METRICS = ['co2', 'water', 'materials'] as const;
export const ScenarioMetricSchema = z.enum(SCENARIO_METRICS);
export type ScenarioMetric = z.infer<typeof ScenarioMetricSchema>;

const METRIC_UNITS = { co2: 't CO2e/yr', water: 'm3/yr', materials: 't/yr' } as const;

/**
 * - computed: the engine computes it today;
 * - not-computed: it no longer does (a stream changed or went, a company was hidden): nothing is counted;
 * - already-flowing: an existing exchange links the pair, so its saving is part of today's, not a what-if;
 * - shares-stream: another pick draws on the same output or feeds the same input. Each candidate's matched
 *   quantity is at most what that stream has (or needs), but two together may be more, so the stream is
 *   counted once, with the pick that saves most (`sharesWith`); the sum is then a lower bound, not double.
 */
export const ScenarioLineStateSchema = z.enum([
  'computed',
  'not-computed',
  'already-flowing',
  'shares-stream',
]);

export const GrossGapSchema = z.enum(['no-factor', 'quantity-unknown']);

export const ScenarioLineSchema = z.strictObject({
  candidateId: z.string(),
  state: ScenarioLineStateSchema,
  /** The candidate as the engine computes it now; null when it no longer does. */
  candidate: z.union([CandidateExchangeSchema, z.null()]),
  /** The estimated saving from the candidate's own factor; null without a factor. */
  gross: EstimatedImpactSchema.nullable(),
  grossGap: GrossGapSchema.nullable(),
  /** The estimated emissions of moving it (always t CO₂e/yr); null when not computed. */
  transport: TransportEstimateSchema.nullable(),
  /** For `shares-stream`: the pick counted for the shared stream. */
  sharesWith: z.string().nullable(),
});
export type ScenarioLine = z.infer<typeof ScenarioLineSchema>;

const NotCountedSchema = z.strictObject({
  candidateId: z.string(),
  reason: z.union([GrossGapSchema, TransportGapSchema]),
});

const EstimateSumSchema = z.strictObject({
  /** The sum over the candidates counted, one decimal; null when none could be counted. */
  value: z.number().nullable(),
  counted: z.array(z.string()),
  notCounted: z.array(NotCountedSchema),
});

export const ScenarioMetricTotalSchema = z.strictObject({
  metric: ScenarioMetricSchema,
  unit: z.enum(['t CO2e/yr', 'm3/yr', 't/yr']),
  gross: EstimateSumSchema,
  /** CO₂ only: transport emits CO₂e, so it nets against CO₂ and nothing else. */
  transport: EstimateSumSchema.nullable(),
  /** CO₂: gross − transport; other metrics: the gross. `complete` = no candidate of the metric was left out. */
  net: z.strictObject({ value: z.number().nullable(), complete: z.boolean() }),
  /** The factors behind the figures, each with its source. */
  factors: z.array(ImpactFactorSchema),
  transportFactors: z.array(TransportFactorSchema),
});
export type ScenarioMetricTotal = z.infer<typeof ScenarioMetricTotalSchema>;

/** Today's sourced figures, shown beside the estimates: listed one by one with source and year, never summed. */
export const TodayTotalsSchema = z.strictObject({
  basis: z.string(),
  exchangeImpacts: z.array(
    z.strictObject({
      exchangeId: z.string(),
      from: z.string(),
      to: z.string(),
      impact: ExchangeImpactSchema,
    }),
  ),
  /** The latest published headline figure per metric and unit, as published. */
  headlineFigures: z.array(ImpactFigureSchema),
});
export type TodayTotals = z.infer<typeof TodayTotalsSchema>;

export const ScenarioComputationSchema = z.strictObject({
  /** Always true: a what-if is an estimate, never a measurement. */
  estimate: z.literal(true),
  basis: z.string(),
  lines: z.array(ScenarioLineSchema),
  metrics: z.array(ScenarioMetricTotalSchema),
  /** Computed candidates whose resource has no impact factor: their saving is not estimated. */
  withoutFactor: z.array(z.string()),
  today: TodayTotalsSchema,
});
export type ScenarioComputation = z.infer<typeof ScenarioComputationSchema>;

export const ScenarioRecordSchema = z
  .strictObject({
    id: z.string(),
    version: z.int().positive(),
    updatedAt: z.string(),
    scenario: ScenarioSchema,
  })
  .meta({ id: 'ScenarioRecord' });
export type ScenarioRecord = z.infer<typeof ScenarioRecordSchema>;

export const ScenarioWithResultSchema = ScenarioRecordSchema.extend({
  result: ScenarioComputationSchema,
}).meta({ id: 'ScenarioWithResult' });
export type ScenarioWithResult = z.infer<typeof ScenarioWithResultSchema>;

function lineOf(candidateId: string, candidate: CandidateExchange | undefined): ScenarioLine {
  if (!candidate) {
    return {
      candidateId,
      state: 'not-computed',
      candidate: null,
      gross: null,
      grossGap: null,
      transport: null,
      sharesWith: null,
    };
  }
  const flowing = candidate.existingExchangeStatus === 'existing';
  const gross = candidate.impact;
  return {
    candidateId,
    state: flowing ? 'already-flowing' : 'computed',
    candidate,
    gross,
    grossGap: gross === null ? 'no-factor' : gross.value === null ? 'quantity-unknown' : null,
    transport: estimateTransport(
      { id: candidate.resourceId },
      candidate.distanceKm,
      candidate.matchedQuantity,
    ),
    sharesWith: null,
  };
}

/**
 * Counts each output and input stream once: the picks that save most take their streams first, and a later
 * pick that needs a stream already taken is marked `shares-stream` instead of being added on top.
 */
function countEachStreamOnce(lines: readonly ScenarioLine[]): ScenarioLine[] {
  const saving = (line: ScenarioLine) => line.gross?.value ?? -1;
  const order = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.state === 'computed')
    .sort((a, b) => saving(b.line) - saving(a.line) || a.index - b.index);
  const takenBy = new Map<string, string>();
  const shared = new Map<string, string>();
  for (const { line } of order) {
    const streams = [line.candidate?.outputStreamId ?? '', line.candidate?.inputStreamId ?? ''];
    const taken = streams.map((stream) => takenBy.get(stream)).find((id) => id !== undefined);
    if (taken !== undefined) {
      shared.set(line.candidateId, taken);
      continue;
    }
    for (const stream of streams) takenBy.set(stream, line.candidateId);
  }
  return lines.map((line) => {
    const sharesWith = shared.get(line.candidateId);
    return sharesWith === undefined ? line : { ...line, state: 'shares-stream' as const, sharesWith };
  });
}

function sum(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((total, value) => total + value, 0) * 10) / 10;
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

function metricTotal(metric: ScenarioMetric, lines: readonly ScenarioLine[]): ScenarioMetricTotal {
  const counted = lines.filter((line) => line.state === 'computed');
  const ofMetric = counted.filter((line) => line.gross?.factor.metric === metric);
  const grossKnown = ofMetric.filter((line) => line.gross?.value !== null && line.gross?.value !== undefined);
  const gross = {
    value: sum(grossKnown.map((line) => line.gross?.value ?? 0)),
    counted: grossKnown.map((line) => line.candidateId),
    notCounted: ofMetric
      .filter((line) => line.gross?.value === null)
      .map((line) => ({ candidateId: line.candidateId, reason: 'quantity-unknown' as const })),
  };
  const factors: ImpactFactor[] = uniqueById(
    ofMetric.flatMap((line) => (line.gross ? [line.gross.factor] : [])),
  );
  if (metric !== 'co2') {
    return {
      metric,
      unit: METRIC_UNITS[metric],
      gross,
      transport: null,
      net: { value: gross.value, complete: gross.notCounted.length === 0 },
      factors,
      transportFactors: [],
    };
  }
  // Every candidate that would move is trucked or piped, whatever it saves: its transport counts against CO₂.
  const transportKnown = counted.filter((line) => line.transport?.value !== null && line.transport !== null);
  const transport = {
    value: sum(transportKnown.map((line) => line.transport?.value ?? 0)),
    counted: transportKnown.map((line) => line.candidateId),
    notCounted: counted.flatMap((line) =>
      line.transport?.gap ? [{ candidateId: line.candidateId, reason: line.transport.gap }] : [],
    ),
  };
  const transportFactors: TransportFactor[] = uniqueById(
    counted.flatMap((line) => (line.transport?.factor ? [line.transport.factor] : [])),
  );
  const net =
    gross.value === null && transport.value === null
      ? null
      : Math.round(((gross.value ?? 0) - (transport.value ?? 0)) * 10) / 10;
  return {
    metric,
    unit: METRIC_UNITS.co2,
    gross,
    transport,
    net: { value: net, complete: gross.notCounted.length === 0 && transport.notCounted.length === 0 },
    factors,
    transportFactors,
  };
}

/** Today's sourced figures of the metrics a scenario estimates: from flowing exchanges and headline series. */
export function todayTotals(
  exchanges: readonly Exchange[],
  latestHeadlineFigures: readonly ImpactFigure[],
): TodayTotals {
  const metrics: readonly string[] = SCENARIO_METRICS;
  const ofMetric = (impact: ExchangeImpact) => metrics.includes(impact.metric);
  return {
    basis:
      'Sourced figures as published, each with its own source and year; they are not added to each other ' +
      'nor to the estimates.',
    exchangeImpacts: exchanges
      .filter((exchange) => exchange.status === 'existing')
      .flatMap((exchange) =>
        exchange.impact
          .filter(ofMetric)
          .map((impact) => ({ exchangeId: exchange.id, from: exchange.from, to: exchange.to, impact })),
      ),
    headlineFigures: latestHeadlineFigures.filter((figure) => metrics.includes(figure.metric)),
  };
}

/**
 * The what-if of these candidates, as the engine computes them now (`current`, by id). Nothing is invented:
 * a candidate the engine no longer computes is reported as such, and one without a factor or quantity is
 * listed under the metric it would count for, not counted.
 */
export function computeScenario(
  candidateIds: readonly string[],
  current: ReadonlyMap<string, CandidateExchange>,
  today: TodayTotals,
): ScenarioComputation {
  const lines = countEachStreamOnce(candidateIds.map((id) => lineOf(id, current.get(id))));
  return {
    estimate: true,
    basis:
      'Estimates: each candidate’s matched quantity × its sourced impact factor, less the emissions of ' +
      'moving it (sourced transport factor × distance from the matching engine, or per unit delivered by ' +
      'pipe). A stream two picks share is counted once. Not measured, not published, and never added to ' +
      'today’s sourced figures.',
    lines,
    metrics: SCENARIO_METRICS.map((metric) => metricTotal(metric, lines)),
    withoutFactor: lines
      .filter((line) => line.state === 'computed' && line.grossGap === 'no-factor')
      .map((line) => line.candidateId),
    today,
  };
}

/** The giver's output stream of a candidate id, to look the candidate up among the giver's own. */
export function outputStreamOf(candidateId: string): string | null {
  const match = /^cand-(.+?)--(.+)$/.exec(candidateId);
  return match?.[1] ?? null;
}
