import type { ELK, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { DiagramGraph, DiagramSize } from './diagram-model.ts';

/**
 * The diagram's graph in ELK's JSON and back. ELK's layered algorithm (Sugiyama) puts givers left of
 * receivers, keeps crossings few and reserves room for every edge label, so no label lands on another.
 * Everything here is pure; loading ELK itself (a web worker) is diagram-layout.ts's job.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

export interface PlacedEdge {
  id: string;
  points: Point[];
  label: Box | null;
}

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface DiagramLayout {
  /** Givers left of receivers (RIGHT) or above them (DOWN). */
  direction: LayoutDirection;
  width: number;
  height: number;
  nodes: ReadonlyMap<string, Box>;
  edges: ReadonlyMap<string, PlacedEdge>;
}

const PADDING = 24;

/** Fixed options, a fixed seed and the model's id order: ELK then gives the same picture for the same graph. */
export const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.randomSeed': '1',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.mergeEdges': 'false',
  // Shortens edges after placement: the picture gets about a fifth narrower with nothing overlapping.
  'elk.layered.compaction.postCompaction.strategy': 'EDGE_LENGTH',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.layered.spacing.edgeNodeBetweenLayers': '12',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.spacing.nodeNode': '26',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.componentComponent': '48',
  'elk.separateConnectedComponents': 'true',
  'elk.aspectRatio': '1.6',
  'elk.padding': `[top=${PADDING},left=${PADDING},bottom=${PADDING},right=${PADDING}]`,
};

const LABEL_OPTIONS: LayoutOptions = { 'elk.edgeLabels.inline': 'true' };

export const labelId = (edgeId: string) => `${edgeId}#label`;

export function toElkGraph(graph: DiagramGraph, direction: LayoutDirection = 'RIGHT'): ElkNode {
  return {
    id: 'diagram',
    layoutOptions: { ...LAYOUT_OPTIONS, 'elk.direction': direction },
    children: graph.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
      labels: [
        {
          id: labelId(edge.id),
          text: edge.lines.join('\n'),
          width: edge.labelWidth,
          height: edge.labelHeight,
          // A label option, not a graph one: the line runs through the label (drawn on a white box).
          layoutOptions: LABEL_OPTIONS,
        },
      ],
    })),
  };
}

/** A stable key for a graph: equal graphs (same flows, texts and sizes) share one layout. */
export function layoutKey(graph: DiagramGraph): string {
  // Both directions come from the same graph, so one of them stands for the pair.
  return JSON.stringify(toElkGraph(graph));
}

/** Short FNV-1a hash of a key, for a data attribute that says which graph is drawn. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function readElkLayout(result: ElkNode, direction: LayoutDirection = 'RIGHT'): DiagramLayout {
  const nodes = new Map<string, Box>();
  for (const child of result.children ?? []) {
    nodes.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
  }
  const edges = new Map<string, PlacedEdge>();
  for (const edge of result.edges ?? []) {
    const points = (edge.sections ?? []).flatMap((section, index) => [
      ...(index === 0 ? [section.startPoint] : []),
      ...(section.bendPoints ?? []),
      section.endPoint,
    ]);
    const label = edge.labels?.[0];
    edges.set(edge.id, {
      id: edge.id,
      points: points.map(({ x, y }) => ({ x, y })),
      label:
        label && label.x !== undefined && label.y !== undefined
          ? { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 }
          : null,
    });
  }
  return { direction, width: result.width ?? 0, height: result.height ?? 0, nodes, edges };
}

/**
 * The frame a layout is judged against: the workspace of a landscape screen, or the room the presentation
 * leaves between its chapter card and timeline. Fixed, so the choice depends on the data only.
 */
export const LAYOUT_FRAMES: Record<DiagramSize, { width: number; height: number }> = {
  normal: { width: 1600, height: 900 },
  large: { width: 1100, height: 480 },
};

/** How large a layout can be drawn in a frame (1 = its natural size). */
export function fitInFrame(
  layout: Pick<DiagramLayout, 'width' | 'height'>,
  frame: { width: number; height: number },
): number {
  return Math.min(frame.width / layout.width, frame.height / layout.height);
}

/**
 * Left to right reads best (labels run along the lines), but a long chain of few companies makes a thin
 * strip; top to bottom is taken when it can be drawn clearly larger (a tenth) in a landscape frame.
 */
export function chooseLayout(
  right: DiagramLayout,
  down: DiagramLayout,
  frame: { width: number; height: number },
): DiagramLayout {
  return fitInFrame(down, frame) > fitInFrame(right, frame) * 1.1 ? down : right;
}

/** Lays a graph out with the given ELK (the worker in the browser, the in-thread build in tests). */
export async function layoutWith(elk: ELK, graph: DiagramGraph): Promise<DiagramLayout> {
  const laidOut = async (direction: LayoutDirection) =>
    readElkLayout(await elk.layout(toElkGraph(graph, direction)), direction);
  const [right, down] = await Promise.all([laidOut('RIGHT'), laidOut('DOWN')]);
  return chooseLayout(right, down, LAYOUT_FRAMES[graph.size]);
}
