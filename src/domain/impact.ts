import { z } from 'zod';
import {
  IdSchema,
  LocalizedTextSchema,
  SourcesSchema,
  UnitSchema,
  VerificationSchema,
  VisibilitySchema,
  YearSchema,
} from './common.ts';

/** Topic of a figure, for grouping; the label says exactly what was measured. */
export const IMPACT_METRICS = [
  'co2',
  'air-pollutants',
  'water',
  'materials',
  'energy',
  'fuel',
  'money',
  'network',
] as const;
export const ImpactMetricSchema = z.enum(IMPACT_METRICS);
export type ImpactMetric = z.infer<typeof ImpactMetricSchema>;

/**
 * A dated, published figure. Figures come from different baselines and methods (1990s inventories, the 2010
 * secretariat figures, a 2018 LCA counterfactual, undated web text), so they are shown side by side and never
 * added together across years or methods; `method` says how each one was arrived at.
 */
export const ImpactFigureSchema = z
  .strictObject({
    id: IdSchema,
    metric: ImpactMetricSchema,
    label: LocalizedTextSchema,
    value: z.number(),
    unit: UnitSchema,
    approximate: z.boolean().optional(),
    /** Reference year for ordering and the timeline; `yearNote` keeps the source's own wording. */
    year: YearSchema,
    yearApproximate: z.boolean().optional(),
    yearNote: z.string().optional(),
    scope: LocalizedTextSchema,
    companyIds: z.array(IdSchema).optional(),
    /** Part of the symbiosis-wide headline series shown when presenting. */
    headline: z.boolean(),
    /**
     * When this figure is a total computed from other figures in the dataset, their ids. Declared so that the
     * dataset rules can refuse a total over figures of different years, units, methods or sources (see
     * quantity-checks.ts); published figures are never summed silently.
     */
    sumOf: z.array(IdSchema).min(2).optional(),
    method: z.string().trim().min(3),
    source: SourcesSchema,
    verification: VerificationSchema,
    visibility: VisibilitySchema,
    note: z.string().optional(),
  })
  .meta({ id: 'ImpactFigure' });
export type ImpactFigure = z.infer<typeof ImpactFigureSchema>;

export const ImpactFigureListSchema = z.array(ImpactFigureSchema);

// ——— Estimated impacts (the factors themselves, with their sources, are in impact-factors.ts) ——————————————

/** Units an estimated impact is expressed in; all are annual, like the flows they come from. */
export const IMPACT_UNITS = ['t CO2e/yr', 'm3/yr', 't/yr'] as const;
export const ImpactUnitSchema = z.enum(IMPACT_UNITS);
export type ImpactUnit = (typeof IMPACT_UNITS)[number];

/** The unit a factor expects its matched quantity in; other units are converted first where that is exact. */
export const FactorInputUnitSchema = z.enum(['MWh/yr', 'm3/yr', 't/yr']);
export type FactorInputUnit = z.infer<typeof FactorInputUnitSchema>;

export const ImpactFactorSchema = z
  .strictObject({
    id: z.string(),
    label: LocalizedTextSchema,
    /** Groups the estimate with the published figures of the same topic (see impact.ts). */
    metric: ImpactMetricSchema,
    /** Impact per unit of matched quantity. */
    value: z.number(),
    /** Human-readable unit of `value`, e.g. "t CO2e/MWh". */
    unit: z.string(),
    inputUnit: FactorInputUnitSchema,
    impactUnit: ImpactUnitSchema,
    source: z.string(),
    sourceUrl: z.string().optional(),
    /** The part of the reasoning that is ours, not the source's. */
    assumption: z.string().optional(),
  })
  .meta({ id: 'ImpactFactor', description: 'A sourced factor that turns a matched quantity into an impact' });
export type ImpactFactor = z.infer<typeof ImpactFactorSchema>;

export const EstimatedImpactSchema = z.strictObject({
  /** null when the factor applies but the matched quantity is unknown or in a unit it cannot take. */
  value: z.number().nullable(),
  unit: ImpactUnitSchema,
  factor: ImpactFactorSchema,
});
export type EstimatedImpact = z.infer<typeof EstimatedImpactSchema>;
