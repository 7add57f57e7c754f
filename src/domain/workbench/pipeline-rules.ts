import type { ExchangeStatus } from '../exchange.ts';
import { allowedTransitions, canTransition } from '../exchange-lifecycle.ts';
import {
  PIPELINE_STAGES,
  type PipelineItem,
  type PipelinePatch,
  type PipelineStage,
  statusOfStage,
} from './pipeline.ts';

/**
 * How an opportunity moves through the pipeline. The exchange's status is the public half of the stage
 * (statusOfStage), so a move is allowed exactly when the exchange lifecycle (exchange-lifecycle.ts) allows
 * the status change it implies; moves within one status (idea → screening → feasibility) change nothing
 * public. Pure: the routes pass in the time and who acts.
 */

/** The stage an exchange is at when the pipeline first meets it: the first stage of its status. */
export const stageOfStatus: Record<ExchangeStatus, PipelineStage> = {
  candidate: 'idea',
  proposed: 'agreement',
  existing: 'operating',
  historic: 'ended',
  rejected: 'declined',
};

/** Items keep at most this many stage changes and notes (PipelineItemSchema's limits). */
export const MAX_HISTORY = 100;
export const MAX_NOTES = 500;

/** A change the pipeline refuses: the routes answer 409 with its message. */
export class PipelineRuleError extends Error {
  override readonly name = 'PipelineRuleError';
}

/**
 * The stage an opportunity is at: its item's, unless the exchange's status has since been changed another
 * way (PATCH /api/exchanges), in which case the stage follows the status. No item: the status's stage.
 */
export function currentStage(item: PipelineItem | null, status: ExchangeStatus): PipelineStage {
  if (item && statusOfStage[item.stage] === status) return item.stage;
  return stageOfStatus[status];
}

/** A new item for an exchange, at the stage of its status, owned by nobody. */
export function startItem(
  exchangeId: string,
  status: ExchangeStatus,
  at: string,
  actor: string,
): PipelineItem {
  const stage = stageOfStatus[status];
  return { exchangeId, stage, owner: null, nextStep: null, notes: [], history: [{ stage, at, actor }] };
}

/** The stages an opportunity at `stage`, whose exchange is `status`, may move to now. */
export function allowedStages(stage: PipelineStage, status: ExchangeStatus): PipelineStage[] {
  return PIPELINE_STAGES.filter(
    (candidate) => candidate !== stage && canTransition(status, statusOfStage[candidate]),
  );
}

function withStage(item: PipelineItem, stage: PipelineStage, at: string, actor: string): PipelineItem {
  if (item.history.length >= MAX_HISTORY) {
    throw new PipelineRuleError(
      `This opportunity has been moved ${MAX_HISTORY} times, the most its history keeps; record the next step as a note`,
    );
  }
  return { ...item, stage, history: [...item.history, { stage, at, actor }] };
}

export interface StageMove {
  item: PipelineItem;
  /** The exchange's status after the move. */
  status: ExchangeStatus;
  /** Whether the exchange itself must change (and so the public map). */
  statusChanges: boolean;
}

/**
 * Moves an item to `to`. The history gets the new stage (and, when the exchange's status had moved on
 * outside the pipeline, the stage it had moved to, so the history says where it really went). Refused
 * when the lifecycle refuses the status change, e.g. from ended (historic) nowhere.
 */
export function moveStage(
  item: PipelineItem,
  status: ExchangeStatus,
  to: PipelineStage,
  at: string,
  actor: string,
): StageMove {
  const from = currentStage(item, status);
  const aligned = from === item.stage ? item : withStage(item, from, at, actor);
  if (to === from) return { item: aligned, status, statusChanges: false };
  const target = statusOfStage[to];
  if (!canTransition(status, target)) {
    const allowed = allowedStages(from, status);
    const why =
      allowedTransitions[status].length === 0
        ? `an exchange that is ${status} never changes`
        : 'the exchange lifecycle refuses';
    throw new PipelineRuleError(
      `An opportunity cannot move from ${from} to ${to}: its exchange would go from ${status} to ${target}, and ${why}; ` +
        (allowed.length > 0
          ? `from ${from} it can move to ${allowed.join(', ')}`
          : `from ${from} it can move nowhere`),
    );
  }
  return { item: withStage(aligned, to, at, actor), status: target, statusChanges: target !== status };
}

/** Owner and next step as the patch says; an absent field stays as it was, null clears it. */
export function withDetails(
  item: PipelineItem,
  patch: Pick<PipelinePatch, 'owner' | 'nextStep'>,
): PipelineItem {
  return {
    ...item,
    ...(patch.owner === undefined ? {} : { owner: patch.owner }),
    ...(patch.nextStep === undefined ? {} : { nextStep: patch.nextStep }),
  };
}

/** A dated note at the end of the item's notes (oldest first). */
export function addNote(item: PipelineItem, text: string, at: string, author: string): PipelineItem {
  if (item.notes.length >= MAX_NOTES) {
    throw new PipelineRuleError(
      `This opportunity has ${MAX_NOTES} notes, the most it keeps; sum them up in the next step`,
    );
  }
  return { ...item, notes: [...item.notes, { at, author, text }] };
}

/**
 * A whole PATCH: the stage move (if any) on the item as it is, then owner and next step. `status` is the
 * exchange's status before the move.
 */
export function applyPatch(
  item: PipelineItem,
  status: ExchangeStatus,
  patch: PipelinePatch,
  at: string,
  actor: string,
): StageMove {
  const moved =
    patch.stage === undefined
      ? { item, status, statusChanges: false }
      : moveStage(item, status, patch.stage, at, actor);
  return { ...moved, item: withDetails(moved.item, patch) };
}
