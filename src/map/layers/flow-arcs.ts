import { distance } from '@turf/distance';
import type { MapCompany } from '../../domain/api.ts';
import type { Quantity } from '../../domain/common.ts';
import type { Exchange } from '../../domain/exchange.ts';
import { type FlowRecord, flowRecords } from '../../domain/flow-records.ts';
import { compareIds } from '../../domain/ids.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { QuantitySummary } from '../../domain/quantity-totals.ts';
import type { Resource } from '../../domain/resource.ts';
import { type AggregatedFlow, aggregateFlows } from '../clustering/aggregate-flows.ts';
import { type PlaceLevel, type PlacePoint, unclusteredLevel } from '../clustering/place-clusters.ts';
import { hexToRgba, markerPalette, type Rgba, withAlpha } from '../colour.ts';
import { assignBends, curvedPath, type LonLat } from './flow-paths.ts';

/** A drawn flow keeps its record's identity, ends, resource, quantity, years and score. */
type FlowRecordFacts =
  | 'id'
  | 'kind'
  | 'status'
  | 'fromId'
  | 'toId'
  | 'resourceId'
  | 'quantity'
  | 'startYear'
  | 'endYear'
  | 'score';

/** One flow line as drawn: geometry, style and what the tooltip says about it. */
export interface FlowArc extends Pick<FlowRecord, FlowRecordFacts> {
  path: LonLat[];
  /** One colour per vertex: faint at the giver, full at the receiver, so direction reads without arrows. */
  colors: Rgba[];
  widthPx: number;
  /** Candidates are dashed: "not (yet) real" reads in greyscale, in print and for colour-blind viewers. */
  dashed: boolean;
  /** Proposals get a dark casing: the deals the secretariat is working on stand out. */
  cased: boolean;
  distanceKm: number;
  /** The exchanges or candidates this line stands for (one, unless an end is a cluster). */
  memberIds: string[];
  /** Their quantities, added only within one unit and one reference year. */
  summary: QuantitySummary;
  /** Too short to draw as a line at this zoom: shown as a short arrow at the receiver instead. */
  stub: boolean;
  /** The arrowhead at the receiving end: direction on the map and how far back from the node's centre. */
  arrow: { angleDeg: number; backoffPx: number; sizePx: number };
}

export const MIN_WIDTH_PX = 1.5;
/**
 * Capped so that no single flow swamps the rest: the largest flow of a unit is four times as wide as an
 * unknown one, not ten (the legend says so).
 */
export const MAX_WIDTH_PX = 6;
/** Arcs shorter than this on screen are drawn as stubs: a curve of a few pixels reads as a smudge. */
export const STUB_LENGTH_PX = 28;
/**
 * At most this many arcs are drawn, the ones carrying the most exchanges first (as flowmap.gl draws its top
 * flows): past a few thousand, lines only hide each other, and each costs the GPU about 25 vertices.
 */
export const MAX_DRAWN_ARCS = 1000;

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

export interface FlowInput {
  /** Styles each exchange as it was in this year (a flow that ended later is drawn as flowing). */
  asOfYear?: number | null;
  exchanges: readonly Exchange[];
  candidates: readonly CandidateExchange[];
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
  /** The nodes flows run between (clusters by zoom); without it every company is its own node. */
  level?: PlaceLevel | null;
  /** The map zoom the arcs are for: arcs shorter than `STUB_LENGTH_PX` there become stubs. */
  zoom?: number | null;
  /** Radius of each node's marker in pixels, where an arrowhead stops. */
  nodeRadiusPx?: (nodeId: string) => number;
  /** How many arcs to draw at most (default MAX_DRAWN_ARCS). */
  maxArcs?: number;
}

/** Pixels between two points at a Web Mercator zoom (512-pixel tiles, as MapLibre draws them). */
export function screenDistancePx(a: LonLat, b: LonLat, zoom: number): number {
  const worldPx = 512 * 2 ** zoom;
  const x = (lon: number) => ((lon + 180) / 360) * worldPx;
  const y = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldPx;
  };
  return Math.hypot(x(b[0]) - x(a[0]), y(b[1]) - y(a[1]));
}

/** Direction of the last step of a path on the map, counter-clockwise from east, as deck.gl angles go. */
function endAngleDeg(path: readonly LonLat[]): number {
  const [x0, y0] = path.at(-2) ?? [0, 0];
  const [x1, y1] = path.at(-1) ?? [0, 0];
  const scale = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  return (Math.atan2(y1 - y0, (x1 - x0) * scale) * 180) / Math.PI;
}

/** The quantity a merged line is drawn with: a sum only where one unit and year cover every member. */
function drawnQuantity(flow: AggregatedFlow, memberQuantity: Quantity | undefined): Quantity {
  if (flow.memberIds.length === 1 && memberQuantity) return memberQuantity;
  const [only] = flow.summary.totals;
  if (only && flow.summary.totals.length === 1 && flow.summary.unknown === 0) {
    return only.referenceYear === null
      ? { value: only.value, unit: only.unit }
      : { value: only.value, unit: only.unit, referenceYear: only.referenceYear };
  }
  return { value: null, unit: only?.unit ?? memberQuantity?.unit ?? '' };
}

function pointsOf(companies: Iterable<MapCompany>): PlacePoint[] {
  return [...companies].map((company) => ({
    id: company.id,
    name: company.name,
    position: [company.lon, company.lat],
    role: company.role,
    weight: 0,
  }));
}

/**
 * A flow may end at a company that is not itself on the map (a filter by municipality shows the flows that
 * leave it): such an end stands alone at its own position, as before clustering.
 */
function withFlowEnds(
  level: PlaceLevel,
  records: readonly { fromId: string; toId: string }[],
  companies: FlowInput['companies'],
): PlaceLevel {
  const missing = new Map<string, MapCompany>();
  for (const record of records) {
    for (const id of [record.fromId, record.toId]) {
      const company = companies.get(id);
      if (company && !level.nodeOf.has(id)) missing.set(id, company);
    }
  }
  if (missing.size === 0) return level;
  const extra = unclusteredLevel(pointsOf(missing.values()), level.zoom);
  return {
    zoom: level.zoom,
    nodes: [...level.nodes, ...extra.nodes],
    nodeOf: new Map([...level.nodeOf, ...extra.nodeOf]),
  };
}

export interface FlowMap {
  arcs: FlowArc[];
  /** Flows with both ends inside one cluster, per node: counted on the node, never drawn. */
  withinNode: ReadonlyMap<string, number>;
  /** Arcs left out past `maxArcs` (the ones carrying the fewest exchanges); the legend says so. */
  leftOutArcCount: number;
}

export function buildFlowArcs({ exchanges, candidates, asOfYear = null, ...rest }: FlowInput): FlowArc[] {
  return buildFlowMap({ records: flowRecords(exchanges, candidates, asOfYear), ...rest }).arcs;
}

/** What `buildFlowMap` draws from: flow records already in the year's status, as the app's selectors keep them. */
export type FlowMapInput = Omit<FlowInput, 'exchanges' | 'candidates' | 'asOfYear'> & {
  records: readonly FlowRecord[];
};

/** The arcs between the nodes of a zoom level, and what flows inside each cluster. */
export function buildFlowMap({
  records,
  companies,
  resources,
  level = null,
  zoom = null,
  nodeRadiusPx = () => 8,
  maxArcs = MAX_DRAWN_ARCS,
}: FlowMapInput): FlowMap {
  const recordOf = new Map(records.map((record) => [record.id, record]));
  const nodes = withFlowEnds(
    level ?? unclusteredLevel(pointsOf(companies.values()), zoom ?? 0),
    records,
    companies,
  );
  const positionOf = new Map(nodes.nodes.map((node) => [node.id, node.position]));
  const colourOf = (resourceId: string) => hexToRgba(resources.get(resourceId)?.colour ?? '#777777');

  type Draft = Omit<FlowArc, 'path' | 'colors' | 'widthPx' | 'arrow' | 'stub'> & {
    from: LonLat;
    to: LonLat;
    colour: Rgba;
  };
  const drafts: Draft[] = [];
  const aggregated = aggregateFlows(records, nodes);
  for (const flow of aggregated.flows) {
    const from = positionOf.get(flow.fromNodeId);
    const to = positionOf.get(flow.toNodeId);
    if (!from || !to) continue;
    const status = flow.status;
    const single = flow.memberIds.length === 1 ? recordOf.get(flow.memberIds[0] ?? '') : undefined;
    drafts.push({
      id: flow.id,
      kind: flow.kind,
      status,
      fromId: flow.fromNodeId,
      toId: flow.toNodeId,
      resourceId: flow.resourceId,
      from,
      to,
      colour: status === 'historic' ? hexToRgba(markerPalette.historicArc) : colourOf(flow.resourceId),
      dashed: status === 'candidate',
      cased: status === 'proposed',
      quantity: drawnQuantity(flow, single?.quantity),
      distanceKm: single?.distanceKm ?? Math.round(distance(from, to, { units: 'kilometers' }) * 100) / 100,
      startYear: flow.startYear,
      endYear: flow.endYear,
      score: flow.score,
      memberIds: flow.memberIds,
      summary: flow.summary,
    });
  }

  // Most exchanges first, then a known quantity, then the id: the same arcs stay drawn from render to render.
  const kept =
    drafts.length <= maxArcs
      ? drafts
      : [...drafts]
          .sort(
            (a, b) =>
              b.memberIds.length - a.memberIds.length ||
              Number(b.quantity.value !== null) - Number(a.quantity.value !== null) ||
              compareIds(a.id, b.id),
          )
          .slice(0, maxArcs);
  const bends = assignBends(kept);
  const width = widthScale(kept.map((draft) => draft.quantity));
  const arcs = kept.map(({ from, to, colour, ...arc }): FlowArc => {
    const path = curvedPath(from, to, bends.get(arc.id) ?? 0.2);
    const faint = arc.status === 'historic' ? 110 : 90;
    const full = arc.status === 'historic' ? 170 : 245;
    const widthPx = width(arc.quantity);
    const stub = zoom !== null && screenDistancePx(from, to, zoom) < STUB_LENGTH_PX;
    return {
      ...arc,
      path,
      colors: gradient(colour, path.length, faint, full),
      widthPx,
      stub,
      arrow: {
        // A stub points straight from giver to receiver; a curve's head follows its last step.
        angleDeg: endAngleDeg(stub ? [from, to] : path),
        backoffPx: nodeRadiusPx(arc.toId) + 1.5,
        sizePx: Math.max(9, widthPx * 2.4),
      },
    };
  });
  return { arcs, withinNode: aggregated.withinNode, leftOutArcCount: drafts.length - kept.length };
}
