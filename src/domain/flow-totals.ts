import type { FlowRecord } from './flow-records.ts';
import { type QuantitySummary, summariseQuantities } from './quantity-totals.ts';

export interface ResourceFlowTotal {
  resourceId: string;
  flows: number;
  summary: QuantitySummary;
}

/** What flows into, out of and within a place (one company, or a cluster of them), per resource. */
export interface PlaceFlowTotals {
  incoming: ResourceFlowTotal[];
  outgoing: ResourceFlowTotal[];
  /** Flows with both ends in the place: a cluster counts them rather than drawing zero-length arcs. */
  within: ResourceFlowTotal[];
}

function byResource(flows: readonly FlowRecord[]): ResourceFlowTotal[] {
  const groups = new Map<string, FlowRecord[]>();
  for (const flow of flows) groups.set(flow.resourceId, [...(groups.get(flow.resourceId) ?? []), flow]);
  return [...groups.entries()]
    .map(([resourceId, group]) => ({
      resourceId,
      flows: group.length,
      summary: summariseQuantities(group.map((flow) => flow.quantity)),
    }))
    .sort((a, b) => b.flows - a.flows || a.resourceId.localeCompare(b.resourceId));
}

/** Incoming and outgoing totals of a place, as flowmap.gl shows them, with quantities never added across units or years. */
export function placeFlowTotals(
  memberIds: ReadonlySet<string>,
  flows: readonly FlowRecord[],
): PlaceFlowTotals {
  const incoming: FlowRecord[] = [];
  const outgoing: FlowRecord[] = [];
  const within: FlowRecord[] = [];
  for (const flow of flows) {
    const fromInside = memberIds.has(flow.fromId);
    const toInside = memberIds.has(flow.toId);
    if (fromInside && toInside) within.push(flow);
    else if (toInside) incoming.push(flow);
    else if (fromInside) outgoing.push(flow);
  }
  return { incoming: byResource(incoming), outgoing: byResource(outgoing), within: byResource(within) };
}
