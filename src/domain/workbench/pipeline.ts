import { z } from 'zod';
import { IdSchema, LIMITS, textSchema } from '../common.ts';
import type { ExchangeStatus } from '../exchange.ts';

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
