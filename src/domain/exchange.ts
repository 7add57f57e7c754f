import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  LocalizedTextSchema,
  QuantitySchema,
  QuantityVisibilitySchema,
  SourcesSchema,
  textSchema,
  UnitSchema,
  VerificationSchema,
  VisibilitySchema,
  YearSchema,
} from './common.ts';
import { ImpactMetricSchema } from './impact.ts';

/**
 * existing: flows today · historic: has ended (kept for the timeline) · candidate: a possible link identified
 * (computed or announced) · proposed: a party or the secretariat is pursuing it · rejected: looked at, dropped.
 */
export const EXCHANGE_STATUSES = ['existing', 'historic', 'candidate', 'proposed', 'rejected'] as const;
export const ExchangeStatusSchema = z.enum(EXCHANGE_STATUSES);
export type ExchangeStatus = z.infer<typeof ExchangeStatusSchema>;

/** Impact attributed to one exchange by a source (e.g. t CO₂e/yr avoided), with its own year and source. */
export const ExchangeImpactSchema = z.strictObject({
  metric: ImpactMetricSchema,
  label: LocalizedTextSchema,
  value: z.number().min(-LIMITS.quantityValue).max(LIMITS.quantityValue),
  unit: UnitSchema,
  approximate: z.boolean().optional(),
  referenceYear: YearSchema.optional(),
  note: textSchema().optional(),
  source: SourcesSchema,
  verification: VerificationSchema,
});
export type ExchangeImpact = z.infer<typeof ExchangeImpactSchema>;

/** One resource flowing from one node to another; a multi-party flow is one exchange per pair. */
export const ExchangeSchema = z
  .strictObject({
    id: IdSchema,
    from: IdSchema,
    to: IdSchema,
    resourceId: IdSchema,
    status: ExchangeStatusSchema,
    /** null = not known (not "since forever"); an ended exchange may still have an unknown end year. */
    startYear: YearSchema.nullable(),
    endYear: YearSchema.nullable(),
    /**
     * For a historic exchange whose end year no source gives: the last year a cited source saw it flowing.
     * It counts as flowing up to this year and is shown as "ended, year unknown" after it (never dropped).
     */
    lastSeenYear: YearSchema.optional(),
    yearsApproximate: z.boolean().optional(),
    yearsNote: textSchema().optional(),
    quantity: QuantitySchema,
    impact: z.array(ExchangeImpactSchema).max(LIMITS.listItems),
    source: SourcesSchema,
    verification: VerificationSchema,
    visibility: VisibilitySchema,
    quantityVisibility: QuantityVisibilitySchema,
    notes: textSchema().optional(),
    /** Row id in the research material the record was written from, for tracing it back. */
    externalRef: textSchema(LIMITS.shortText).optional(),
  })
  .meta({ id: 'Exchange' });
export type Exchange = z.infer<typeof ExchangeSchema>;

export const ExchangeListSchema = z.array(ExchangeSchema);
