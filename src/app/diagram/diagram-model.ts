import type { MapCompany } from '../../domain/api.ts';
import type { Quantity } from '../../domain/common.ts';
import type { CompanyRole } from '../../domain/company.ts';
import type { Exchange, ExchangeStatus } from '../../domain/exchange.ts';
import { compareIds } from '../../domain/ids.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { Resource } from '../../domain/resource.ts';
import { isPartnerIn, statusInYear } from '../../domain/timeline.ts';
import { markerPalette } from '../../map/colour.ts';
import { formatQuantity } from '../format.ts';

/**
 * The symbiosis diagram as data: one node per company that sends or receives a shown flow, one edge per
 * shown exchange (and per shown computed candidate), each with its visible label and its accessible name.
 * Pure: the same exchanges, language and text measure always give the same graph, in the same order, so the
 * layout (and with it the picture) is the same on every render.
 */

export type DiagramSize = 'normal' | 'large';

export interface TextStyle {
  size: number;
  weight: 400 | 700;
}

/** Width in pixels of a text in the diagram's font at a size and weight (a canvas in the browser). */
export type MeasureText = (text: string, style: TextStyle) => number;

/** i18next's `t`, narrowed to what the diagram asks of it. */
export type Translate = (key: string, options?: Record<string, string | number>) => string;

export interface DiagramMetrics {
  nodeText: TextStyle;
  nodeLineHeight: number;
  nodePadX: number;
  nodePadY: number;
  nodeMaxTextWidth: number;
  labelText: TextStyle;
  labelLineHeight: number;
  labelPadX: number;
  labelPadY: number;
  labelMaxTextWidth: number;
  /** Room along a node's side for each flow that leaves or enters there. */
  portSpacing: number;
  strokeWidth: number;
  arrowSize: number;
}

/** Type sizes for the screen and for the projector (presentation): the layout is measured with these. */
export const DIAGRAM_METRICS: Record<DiagramSize, DiagramMetrics> = {
  normal: {
    nodeText: { size: 13.5, weight: 700 },
    nodeLineHeight: 18,
    nodePadX: 12,
    nodePadY: 9,
    nodeMaxTextWidth: 140,
    labelText: { size: 12, weight: 400 },
    labelLineHeight: 15,
    labelPadX: 5,
    labelPadY: 3,
    labelMaxTextWidth: 120,
    portSpacing: 10,
    strokeWidth: 2.2,
    arrowSize: 9,
  },
  large: {
    nodeText: { size: 20, weight: 700 },
    nodeLineHeight: 25,
    nodePadX: 16,
    nodePadY: 12,
    nodeMaxTextWidth: 190,
    labelText: { size: 17, weight: 400 },
    labelLineHeight: 21,
    labelPadX: 7,
    labelPadY: 4,
    labelMaxTextWidth: 175,
    portSpacing: 14,
    strokeWidth: 3.2,
    arrowSize: 13,
  },
};

export interface DiagramNode {
  id: string;
  name: string;
  role: CompanyRole | null;
  /** Accessible name: the company, its role and how many shown flows leave and reach it. */
  label: string;
  /** The name as drawn, wrapped. */
  lines: string[];
  width: number;
  height: number;
  outgoing: number;
  incoming: number;
}

export interface DiagramEdge {
  id: string;
  kind: 'exchange' | 'candidate';
  /** As in the year shown (a flow that ended later is drawn as flowing then). */
  status: ExchangeStatus;
  from: string;
  to: string;
  resourceId: string;
  resourceLabel: string;
  colour: string;
  /** The label as drawn: the resource, then the quantity with its unit and reference year where known. */
  lines: string[];
  labelWidth: number;
  labelHeight: number;
  /** Accessible name: "Steam, Asnæs Power Station to Novo Nordisk, since 1982". */
  name: string;
  /** Candidates are dashed, proposals cased, historic flows grey: the map's rules (flow-arcs.ts). */
  dashed: boolean;
  cased: boolean;
  muted: boolean;
}

export interface DiagramGraph {
  size: DiagramSize;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export interface DiagramInput {
  exchanges: readonly Exchange[];
  candidates: readonly CandidateExchange[];
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
  /** The year filter: statuses are those of that year. */
  year: number | null;
  language: 'en' | 'da';
  t: Translate;
  measure: MeasureText;
  size: DiagramSize;
}

/** Greedy word wrap; a single word wider than the limit keeps a line of its own rather than being cut. */
export function wrapText(text: string, maxWidth: number, style: TextStyle, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(candidate, style) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** "150,000 t/yr (2010)": the figure with its unit and, where the source gives it, the year it refers to. */
export function quantityText(quantity: Quantity, language: 'en' | 'da'): string | null {
  const figure = formatQuantity(quantity, language);
  if (figure === null) return null;
  const year = 'referenceYear' in quantity ? quantity.referenceYear : undefined;
  return year === undefined ? figure : `${figure} (${year})`;
}

interface EdgeFacts {
  kind: DiagramEdge['kind'];
  status: ExchangeStatus;
  startYear: number | null;
  endYear: number | null;
  lastSeenYear: number | undefined;
}

/** When the flow runs, in words: "since 1982", "1993–2019", "proposed"… (empty when nothing is known). */
function whenText(facts: EdgeFacts, t: Translate): string {
  const { kind, status, startYear: start, endYear: end, lastSeenYear } = facts;
  if (kind === 'candidate') return t('diagram.when.computed');
  switch (status) {
    case 'existing':
      return start === null ? '' : t('diagram.when.since', { year: start });
    case 'historic':
      if (start !== null && end !== null) return t('diagram.when.period', { start, end });
      if (end !== null) return t('diagram.when.until', { year: end });
      if (start !== null && lastSeenYear !== undefined)
        return t('diagram.when.lastSeen', { start, year: lastSeenYear });
      if (start !== null) return t('diagram.when.fromEnded', { year: start });
      return t('diagram.when.ended');
    default:
      return t(`diagram.when.${status}`);
  }
}

/** A former partner is drawn as the partner it was in the year shown (the map's year filter). */
export function roleIn(
  company: Pick<MapCompany, 'role' | 'partnerSince' | 'partnerUntil'>,
  year: number | null,
): CompanyRole {
  const partnership = {
    partnerSince: company.partnerSince ?? null,
    partnerUntil: company.partnerUntil ?? null,
  };
  return year !== null && company.role === 'former-partner' && isPartnerIn(partnership, year)
    ? 'partner'
    : company.role;
}

function nodeHeight(lines: number, flows: number, metrics: DiagramMetrics): number {
  const text = lines * metrics.nodeLineHeight + 2 * metrics.nodePadY;
  return Math.max(text, (flows + 1) * metrics.portSpacing);
}

export function buildDiagramGraph(input: DiagramInput): DiagramGraph {
  const { companies, resources, year, language, t, measure, size } = input;
  const metrics = DIAGRAM_METRICS[size];
  const nameOf = (id: string) => companies.get(id)?.name ?? id;

  type Draft = Omit<DiagramEdge, 'lines' | 'labelWidth' | 'labelHeight' | 'name'> &
    EdgeFacts & {
      quantity: Quantity;
    };
  const drafts: Draft[] = [];
  const style = (resourceId: string, status: ExchangeStatus) => ({
    resourceLabel: resources.get(resourceId)?.label[language] ?? resourceId,
    colour:
      status === 'historic' || status === 'rejected'
        ? markerPalette.historicArc
        : (resources.get(resourceId)?.colour ?? '#777777'),
    dashed: status === 'candidate',
    cased: status === 'proposed',
    muted: status === 'historic' || status === 'rejected',
  });
  for (const exchange of input.exchanges) {
    const status = statusInYear(exchange, year) ?? exchange.status;
    drafts.push({
      id: exchange.id,
      kind: 'exchange',
      status,
      from: exchange.from,
      to: exchange.to,
      resourceId: exchange.resourceId,
      ...style(exchange.resourceId, status),
      quantity: exchange.quantity,
      startYear: exchange.startYear,
      endYear: exchange.endYear,
      lastSeenYear: exchange.lastSeenYear,
    });
  }
  for (const candidate of input.candidates) {
    drafts.push({
      id: candidate.id,
      kind: 'candidate',
      status: 'candidate',
      from: candidate.fromCompanyId,
      to: candidate.toCompanyId,
      resourceId: candidate.resourceId,
      ...style(candidate.resourceId, 'candidate'),
      quantity: candidate.matchedQuantity,
      startYear: null,
      endYear: null,
      lastSeenYear: undefined,
    });
  }
  // Ids, not the server's order, decide the order: the same set of flows always gives the same layout.
  drafts.sort((a, b) => compareIds(a.id, b.id));

  const edges = drafts.map(({ quantity, startYear, endYear, lastSeenYear, ...draft }): DiagramEdge => {
    const amount = quantityText(quantity, language);
    const oneLine = amount === null ? draft.resourceLabel : `${draft.resourceLabel} · ${amount}`;
    const lines =
      measure(oneLine, metrics.labelText) <= metrics.labelMaxTextWidth
        ? [oneLine]
        : [
            ...wrapText(draft.resourceLabel, metrics.labelMaxTextWidth, metrics.labelText, measure),
            ...(amount === null ? [] : [amount]),
          ];
    const textWidth = Math.max(...lines.map((line) => measure(line, metrics.labelText)));
    const when = whenText({ kind: draft.kind, status: draft.status, startYear, endYear, lastSeenYear }, t);
    const name = [
      t('diagram.edgeName', {
        resource: draft.resourceLabel,
        from: nameOf(draft.from),
        to: nameOf(draft.to),
      }),
      when,
      amount ?? '',
    ]
      .filter((part) => part !== '')
      .join(', ');
    return {
      ...draft,
      lines,
      labelWidth: Math.ceil(textWidth + 2 * metrics.labelPadX),
      labelHeight: lines.length * metrics.labelLineHeight + 2 * metrics.labelPadY,
      name,
    };
  });

  const ids = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort(compareIds);
  const nodes = ids.map((id): DiagramNode => {
    const company = companies.get(id);
    const role = company ? roleIn(company, year) : null;
    const name = company?.name ?? id;
    const lines = wrapText(name, metrics.nodeMaxTextWidth, metrics.nodeText, measure);
    const outgoing = edges.filter((edge) => edge.from === id).length;
    const incoming = edges.filter((edge) => edge.to === id).length;
    const textWidth = Math.max(...lines.map((line) => measure(line, metrics.nodeText)));
    const label = [
      name,
      role ? t(`role.${role}`) : '',
      t('diagram.flowsOut', { count: outgoing }),
      t('diagram.flowsIn', { count: incoming }),
    ]
      .filter((part) => part !== '')
      .join(', ');
    return {
      id,
      name,
      role,
      label,
      lines,
      width: Math.ceil(textWidth + 2 * metrics.nodePadX),
      height: nodeHeight(lines.length, Math.max(outgoing, incoming), metrics),
      outgoing,
      incoming,
    };
  });

  return { size, nodes, edges };
}

/** Plain code-unit order: unlike localeCompare it is the same in every browser and locale. */
export interface DiagramLegend {
  resources: { id: string; label: string; colour: string; count: number }[];
  statuses: ExchangeStatus[];
  /** Whether any shown flow is a computed candidate (the legend then says what dashes mean for those). */
  computed: boolean;
}

const STATUS_ORDER: ExchangeStatus[] = ['existing', 'proposed', 'candidate', 'historic', 'rejected'];

/** What the diagram's legend explains: the resources drawn (with their arrow counts) and the statuses used. */
export function diagramLegend(graph: DiagramGraph, resources: ReadonlyMap<string, Resource>): DiagramLegend {
  const counts = new Map<string, number>();
  for (const edge of graph.edges) counts.set(edge.resourceId, (counts.get(edge.resourceId) ?? 0) + 1);
  const used = new Set(graph.edges.map((edge) => edge.status));
  return {
    resources: [...counts.entries()]
      .map(([id, count]) => {
        const edge = graph.edges.find((e) => e.resourceId === id);
        return {
          id,
          label: edge?.resourceLabel ?? id,
          colour: resources.get(id)?.colour ?? '#777777',
          count,
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label) || compareIds(a.id, b.id)),
    statuses: STATUS_ORDER.filter((status) => used.has(status)),
    computed: graph.edges.some((edge) => edge.kind === 'candidate'),
  };
}
