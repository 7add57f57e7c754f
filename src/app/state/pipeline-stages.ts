import type { PipelineEntry, PipelineStage } from '../../domain/workbench/pipeline.ts';
import type { FlowArc } from '../../map/layers/flow-arcs.ts';

/** The stage of every exchange on the board, by exchange id (empty for anyone but staff). */
export function stageByExchange(entries: readonly PipelineEntry[]): Map<string, PipelineStage> {
  return new Map(entries.map((entry) => [entry.exchangeId, entry.stage]));
}

/**
 * The stage each drawn arc shows on the map: an arc of recorded exchanges whose stages are all one (a
 * merged arc of exchanges at different stages, or with a computed candidate in it, shows none rather than
 * one of them).
 */
export function arcStagesOf(
  arcs: readonly FlowArc[],
  stages: ReadonlyMap<string, PipelineStage>,
): Map<string, PipelineStage> {
  const shown = new Map<string, PipelineStage>();
  if (stages.size === 0) return shown;
  for (const arc of arcs) {
    if (arc.kind !== 'exchange') continue;
    const memberStages = new Set(arc.memberIds.map((id) => stages.get(id)));
    const [only] = memberStages;
    if (memberStages.size === 1 && only !== undefined) shown.set(arc.id, only);
  }
  return shown;
}
