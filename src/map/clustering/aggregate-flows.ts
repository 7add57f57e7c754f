import type { ExchangeStatus } from '../../domain/exchange.ts';
import type { FlowRecord } from '../../domain/flow-records.ts';
import { type QuantitySummary, summariseQuantities } from '../../domain/quantity-totals.ts';
import type { PlaceLevel } from './place-clusters.ts';

/**
 * The flows drawn between two nodes: one per direction, resource and status. Between two single companies
 * every recorded flow stays its own (its id is the exchange's or candidate's id), so selection, details
 * and links work exactly as without clustering; where a cluster is an end, flows of the same kind merge.
 */
export interface AggregatedFlow {
  id: string;
  kind: FlowRecord['kind'];
  status: ExchangeStatus;
  fromNodeId: string;
  toNodeId: string;
  resourceId: string;
  /** The exchanges and candidates drawn as this one flow: the count is always shown. */
  memberIds: string[];
  /** Quantities added only within one unit and one reference year, never across. */
  summary: QuantitySummary;
  startYear: number | null;
  endYear: number | null;
  score: number | null;
}

export interface AggregatedFlows {
  flows: AggregatedFlow[];
  /** Flows with both ends inside one cluster, per node id: counted on the node, never drawn. */
  withinNode: ReadonlyMap<string, number>;
}

function earliest(years: readonly (number | null)[]): number | null {
  const known = years.filter((year): year is number => year !== null);
  return known.length > 0 ? Math.min(...known) : null;
}

/** Still flowing (null) if any member is; otherwise the last end year. */
function latestEnd(years: readonly (number | null)[]): number | null {
  if (years.some((year) => year === null)) return null;
  return years.length > 0 ? Math.max(...(years as number[])) : null;
}

export function aggregateFlows(records: readonly FlowRecord[], level: PlaceLevel): AggregatedFlows {
  const groups = new Map<string, { first: FlowRecord; from: string; to: string; members: FlowRecord[] }>();
  const withinNode = new Map<string, number>();
  const clusterIds = new Set(level.nodes.filter((node) => node.kind === 'cluster').map((node) => node.id));

  for (const record of records) {
    const from = level.nodeOf.get(record.fromId);
    const to = level.nodeOf.get(record.toId);
    if (!from || !to) continue;
    if (from === to) {
      withinNode.set(from, (withinNode.get(from) ?? 0) + 1);
      continue;
    }
    const merges = clusterIds.has(from) || clusterIds.has(to);
    // Ids of merged flows are URL-safe like record ids, so a shared link can carry a highlighted one.
    const key = merges ? `${from}-to-${to}-${record.resourceId}-${record.kind}-${record.status}` : record.id;
    const group = groups.get(key) ?? { first: record, from, to, members: [] };
    group.members.push(record);
    groups.set(key, group);
  }

  const flows = [...groups.entries()].map(([key, { first, from, to, members }]): AggregatedFlow => {
    const single = members.length === 1;
    const scores = members.map((member) => member.score).filter((score): score is number => score !== null);
    return {
      id: single ? first.id : `flows-${key}`,
      kind: first.kind,
      status: first.status,
      fromNodeId: from,
      toNodeId: to,
      resourceId: first.resourceId,
      memberIds: members.map((member) => member.id),
      summary: summariseQuantities(members.map((member) => member.quantity)),
      startYear: earliest(members.map((member) => member.startYear)),
      endYear: latestEnd(members.map((member) => member.endYear)),
      score: scores.length > 0 ? Math.max(...scores) : null,
    };
  });
  return { flows, withinNode };
}
