import { distance } from '@turf/turf';
import type { Quantity } from '../../domain/common.ts';
import type { CompanyFeature } from '../../domain/company.ts';
import type { Exchange, ExchangeStatus } from '../../domain/exchange.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { Resource } from '../../domain/resource.ts';
import { statusInYear } from '../../domain/timeline.ts';
import { hexToRgba, markerPalette, type Rgba, withAlpha } from '../colour.ts';
import { assignBends, curvedPath, type LonLat } from './flow-paths.ts';

/** One flow line as drawn: geometry, style and what the tooltip says about it. */
export interface FlowArc {
  id: string;
  kind: 'exchange' | 'candidate';
  status: ExchangeStatus;
  fromId: string;
  toId: string;
  resourceId: string;
  path: LonLat[];
  /** One colour per vertex: faint at the giver, full at the receiver, so direction reads without arrows. */
  colors: Rgba[];
  widthPx: number;
  /** Candidates are dashed: "not (yet) real" reads in greyscale, in print and for colour-blind viewers. */
  dashed: boolean;
  /** Proposals get a dark casing: the deals the secretariat is working on stand out. */
  cased: boolean;
  quantity: Quantity;
  distanceKm: number;
  startYear: number | null;
  endYear: number | null;
  score: number | null;
}

export const MIN_WIDTH_PX = 1.5;
export const MAX_WIDTH_PX = 9;

/**
 * Width by quantity, compared only within one unit (tonnes with tonnes, m³ with m³): the widest flow of each
 * unit gets the full width, area-true by square root; an unknown quantity is drawn thin, never as zero.
 */
export function widthScale(quantities: readonly Quantity[]): (quantity: Quantity) => number {
  const maxByUnit = new Map<string, number>();
  for (const q of quantities) {
    if (q.value !== null) maxByUnit.set(q.unit, Math.max(maxByUnit.get(q.unit) ?? 0, q.value));
  }
  return (quantity) => {
    const max = maxByUnit.get(quantity.unit);
    if (quantity.value === null || !max) return MIN_WIDTH_PX;
    return MIN_WIDTH_PX + 1 + (MAX_WIDTH_PX - MIN_WIDTH_PX - 1) * Math.sqrt(quantity.value / max);
  };
}

function gradient(base: Rgba, count: number, fromAlpha: number, toAlpha: number): Rgba[] {
  return Array.from({ length: count }, (_, i) =>
    withAlpha(base, Math.round(fromAlpha + ((toAlpha - fromAlpha) * i) / Math.max(1, count - 1))),
  );
}

interface FlowInput {
  /** Styles each exchange as it was in this year (a flow that ended later is drawn as flowing). */
  asOfYear?: number | null;
  exchanges: readonly Exchange[];
  candidates: readonly CandidateExchange[];
  companies: ReadonlyMap<string, CompanyFeature>;
  resources: ReadonlyMap<string, Resource>;
}

function positionOf(companies: FlowInput['companies'], id: string): LonLat | null {
  const coordinates = companies.get(id)?.geometry.coordinates;
  return coordinates ? [coordinates[0] ?? 0, coordinates[1] ?? 0] : null;
}

export function buildFlowArcs({
  exchanges,
  candidates,
  companies,
  resources,
  asOfYear = null,
}: FlowInput): FlowArc[] {
  type Draft = Omit<FlowArc, 'path' | 'colors' | 'widthPx'> & { from: LonLat; to: LonLat; colour: Rgba };
  const drafts: Draft[] = [];
  const colourOf = (resourceId: string) => hexToRgba(resources.get(resourceId)?.colour ?? '#777777');

  for (const exchange of exchanges) {
    const from = positionOf(companies, exchange.from);
    const to = positionOf(companies, exchange.to);
    if (!from || !to) continue;
    const status = statusInYear(exchange, asOfYear) ?? exchange.status;
    drafts.push({
      id: exchange.id,
      kind: 'exchange',
      status,
      fromId: exchange.from,
      toId: exchange.to,
      resourceId: exchange.resourceId,
      from,
      to,
      colour: status === 'historic' ? hexToRgba(markerPalette.historicArc) : colourOf(exchange.resourceId),
      dashed: status === 'candidate',
      cased: status === 'proposed',
      quantity: exchange.quantity,
      distanceKm: Math.round(distance(from, to, { units: 'kilometers' }) * 100) / 100,
      startYear: exchange.startYear,
      endYear: exchange.endYear,
      score: null,
    });
  }
  for (const candidate of candidates) {
    const from = positionOf(companies, candidate.fromCompanyId);
    const to = positionOf(companies, candidate.toCompanyId);
    if (!from || !to) continue;
    drafts.push({
      id: candidate.id,
      kind: 'candidate',
      status: 'candidate',
      fromId: candidate.fromCompanyId,
      toId: candidate.toCompanyId,
      resourceId: candidate.resourceId,
      from,
      to,
      colour: colourOf(candidate.resourceId),
      dashed: true,
      cased: false,
      quantity: candidate.matchedQuantity,
      distanceKm: candidate.distanceKm,
      startYear: null,
      endYear: null,
      score: candidate.score,
    });
  }

  const bends = assignBends(drafts);
  const width = widthScale(drafts.map((draft) => draft.quantity));
  return drafts.map(({ from, to, colour, ...arc }) => {
    const path = curvedPath(from, to, bends.get(arc.id) ?? 0.2);
    const faint = arc.status === 'historic' ? 110 : 90;
    const full = arc.status === 'historic' ? 170 : 245;
    return { ...arc, path, colors: gradient(colour, path.length, faint, full), widthPx: width(arc.quantity) };
  });
}
