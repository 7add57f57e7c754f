import { z } from 'zod';
import { IdSchema, LIMITS, MunicipalityCodeSchema, textSchema } from '../common.ts';
import { type ExchangeStatus, ExchangeStatusSchema } from '../exchange.ts';

/**
 * The secretariat's pipeline: every opportunity (a recorded candidate or a proposed exchange) moves through
 * these stages, from a first idea to a working exchange. The stage is the secretariat's view of the work;
 * the exchange's public status follows from it (statusOfStage), so the map never says less than the board.
 */
export const PIPELINE_STAGES = [
  'idea',
  'screening',
  'feasibility',
  'agreement',
  'operating',
  'ended',
  'declined',
] as const;
export const PipelineStageSchema = z.enum(PIPELINE_STAGES);
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** The exchange status each stage stands for: before an agreement an opportunity is still a candidate. */
export const statusOfStage: Record<PipelineStage, ExchangeStatus> = {
  idea: 'candidate',
  screening: 'candidate',
  feasibility: 'candidate',
  agreement: 'proposed',
  operating: 'existing',
  ended: 'historic',
  declined: 'rejected',
};

/** A calendar day, YYYY-MM-DD: a due date has no time of day. */
export const CalendarDaySchema = z.iso.date({ error: 'a date as YYYY-MM-DD' });

export const PipelineNoteSchema = z.strictObject({
  /** ISO 8601, set by the server. */
  at: z.string(),
  /** Who wrote it, as the audit log names actors (`staff`). */
  author: z.string(),
  text: textSchema().min(1, { error: 'a note cannot be empty' }),
});
export type PipelineNote = z.infer<typeof PipelineNoteSchema>;

export const NextStepSchema = z.strictObject({
  text: textSchema(LIMITS.shortText).min(1, { error: 'say what the next step is' }),
  due: CalendarDaySchema,
});
export type NextStep = z.infer<typeof NextStepSchema>;

/** When the opportunity entered a stage: the council report counts these (screened, agreed, started). */
export const StageChangeSchema = z.strictObject({
  stage: PipelineStageSchema,
  /** ISO 8601, set by the server. */
  at: z.string(),
  actor: z.string(),
});
export type StageChange = z.infer<typeof StageChangeSchema>;

/**
 * The pipeline record of one exchange (its id is the exchange's id). Secretariat-only, all of it: owners,
 * next steps and notes never reach a public or partner answer.
 */
export const PipelineItemSchema = z
  .strictObject({
    exchangeId: IdSchema,
    stage: PipelineStageSchema,
    /** The staff member carrying it, by name or initials; null = nobody yet. */
    owner: textSchema(LIMITS.shortText).nullable(),
    nextStep: NextStepSchema.nullable(),
    /** Oldest first. */
    notes: z.array(PipelineNoteSchema).max(500),
    /** Every stage it has been in, oldest first; the last one is `stage`. */
    history: z.array(StageChangeSchema).min(1).max(100),
  })
  .meta({ id: 'PipelineItem' });
export type PipelineItem = z.infer<typeof PipelineItemSchema>;

/** What staff change of an item (PATCH /api/pipeline/{exchangeId}); a stage move also moves the exchange. */
export const PipelinePatchSchema = z
  .strictObject({
    stage: PipelineStageSchema.optional(),
    /** null = nobody carries it any more. */
    owner: textSchema(LIMITS.shortText)
      .trim()
      .min(1, { error: 'name the owner, or send null' })
      .nullable()
      .optional(),
    /** null = no next step planned. */
    nextStep: NextStepSchema.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    error: 'send at least one of stage, owner, nextStep',
  })
  .meta({ id: 'PipelinePatch' });
export type PipelinePatch = z.infer<typeof PipelinePatchSchema>;

export const PipelineNoteCreateSchema = z
  .strictObject({ text: textSchema().trim().min(1, { error: 'a note cannot be empty' }) })
  .meta({ id: 'PipelineNoteCreate' });
export type PipelineNoteCreate = z.infer<typeof PipelineNoteCreateSchema>;

/** One end of an opportunity, as the board shows it and flies to it. */
export const PipelineEndSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  municipality: MunicipalityCodeSchema.nullable(),
  lon: z.number(),
  lat: z.number(),
});
export type PipelineEnd = z.infer<typeof PipelineEndSchema>;

/**
 * An opportunity on the board (GET /api/pipeline): the exchange's facts, the stage it is at, and its item
 * when staff have recorded anything of it. `stage` is the one to show: it follows the exchange's status
 * when that was changed outside the pipeline (PATCH /api/exchanges), and is the stage of the status for an
 * exchange with no item yet.
 */
export const PipelineEntrySchema = z
  .strictObject({
    exchangeId: IdSchema,
    status: ExchangeStatusSchema,
    resourceId: IdSchema,
    from: PipelineEndSchema,
    to: PipelineEndSchema,
    stage: PipelineStageSchema,
    /** null: nothing recorded yet (no owner, next step or note). */
    item: PipelineItemSchema.nullable(),
  })
  .meta({ id: 'PipelineEntry' });
export type PipelineEntry = z.infer<typeof PipelineEntrySchema>;

export const PipelineEntryListSchema = z.array(PipelineEntrySchema);
