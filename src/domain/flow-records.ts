import type { Quantity } from './common.ts';
import type { Exchange, ExchangeStatus } from './exchange.ts';
import type { CandidateExchange } from './matching/index.ts';
import { statusInYear } from './timeline.ts';

/**
 * One flow the map and the diagram draw: a recorded exchange (with the status it had in the year shown) or a
 * computed candidate. The common shape lets aggregation and totals treat both alike.
 */
export interface FlowRecord {
  id: string;
  kind: 'exchange' | 'candidate';
  status: ExchangeStatus;
  fromId: string;
  toId: string;
  resourceId: string;
  quantity: Quantity;
  startYear: number | null;
  endYear: number | null;
  /** The engine's score for a computed candidate; null for a recorded exchange. */
  score: number | null;
  /** The engine's distance for a computed candidate; a recorded exchange's is measured where it is drawn. */
  distanceKm: number | null;
}

export function flowRecords(
  exchanges: readonly Exchange[],
  candidates: readonly CandidateExchange[],
  asOfYear: number | null = null,
): FlowRecord[] {
  const records: FlowRecord[] = exchanges.map((exchange) => ({
    id: exchange.id,
    kind: 'exchange',
    status: statusInYear(exchange, asOfYear) ?? exchange.status,
    fromId: exchange.from,
    toId: exchange.to,
    resourceId: exchange.resourceId,
    quantity: exchange.quantity,
    startYear: exchange.startYear,
    endYear: exchange.endYear,
    score: null,
    distanceKm: null,
  }));
  for (const candidate of candidates) {
    records.push({
      id: candidate.id,
      kind: 'candidate',
      status: 'candidate',
      fromId: candidate.fromCompanyId,
      toId: candidate.toCompanyId,
      resourceId: candidate.resourceId,
      quantity: candidate.matchedQuantity,
      startYear: null,
      endYear: null,
      score: candidate.score,
      distanceKm: candidate.distanceKm,
    });
  }
  return records;
}
