import { compareIds } from '../../domain/ids.ts';
import type { DiagramLayout } from './diagram-elk.ts';
import type { DiagramGraph } from './diagram-model.ts';

/**
 * Keyboard moves through the diagram, as a pure function of the laid-out graph.
 *
 * Reading order is the picture's: companies layer by layer from the givers (columns from the left, or
 * rows from the top), along each layer; a company's flows in the order their other ends are drawn. Tab follows it (each company, then the flows it sends). Keys:
 * - on a company: ↓/↑ next/previous company, Home/End first/last; → its first outgoing flow, ← its first
 *   incoming flow;
 * - on a flow: →/← the next/previous flow of the company it was reached from (outgoing flows of the giver,
 *   or incoming flows of the receiver when reached with ←), wrapping round; ↑ the giver, ↓ the receiver.
 * Enter or Space selects (handled by the view).
 */

export type FocusTarget = { kind: 'node'; id: string } | { kind: 'edge'; id: string; via: 'out' | 'in' };

export interface DiagramNavigation {
  nodeOrder: string[];
  outgoing: ReadonlyMap<string, string[]>;
  incoming: ReadonlyMap<string, string[]>;
  ends: ReadonlyMap<string, { from: string; to: string }>;
}

export function buildNavigation(graph: DiagramGraph, layout: DiagramLayout): DiagramNavigation {
  const position = (id: string) => layout.nodes.get(id) ?? { x: 0, y: 0 };
  // Layers run along the flow, giver to receiver: columns when laid out RIGHT, rows when DOWN.
  const along = (id: string) => (layout.direction === 'RIGHT' ? position(id).x : position(id).y);
  const across = (id: string) => (layout.direction === 'RIGHT' ? position(id).y : position(id).x);
  // Rounding keeps a few pixels of alignment inside a layer from reordering it.
  const layer = (id: string) => Math.round(along(id) / 20);
  const byReading = (a: string, b: string) =>
    layer(a) - layer(b) || across(a) - across(b) || compareIds(a, b);
  const nodeOrder = graph.nodes.map((node) => node.id).sort(byReading);

  const outgoing = new Map<string, string[]>(nodeOrder.map((id) => [id, []]));
  const incoming = new Map<string, string[]>(nodeOrder.map((id) => [id, []]));
  const ends = new Map<string, { from: string; to: string }>();
  for (const edge of graph.edges) {
    outgoing.get(edge.from)?.push(edge.id);
    incoming.get(edge.to)?.push(edge.id);
    ends.set(edge.id, { from: edge.from, to: edge.to });
  }
  const byOtherEnd = (end: 'from' | 'to') => (a: string, b: string) => {
    const pa = ends.get(a)?.[end] ?? '';
    const pb = ends.get(b)?.[end] ?? '';
    return across(pa) - across(pb) || along(pa) - along(pb) || compareIds(a, b);
  };
  for (const list of outgoing.values()) list.sort(byOtherEnd('to'));
  for (const list of incoming.values()) list.sort(byOtherEnd('from'));
  return { nodeOrder, outgoing, incoming, ends };
}

/** Every focusable item in Tab order: each company followed by the flows it sends. */
export function tabOrder(navigation: DiagramNavigation): FocusTarget[] {
  return navigation.nodeOrder.flatMap((id): FocusTarget[] => [
    { kind: 'node', id },
    ...(navigation.outgoing.get(id) ?? []).map((edgeId) => ({
      kind: 'edge' as const,
      id: edgeId,
      via: 'out' as const,
    })),
  ]);
}

function step<T>(list: readonly T[], current: T, by: number): T | undefined {
  const index = list.indexOf(current);
  if (index < 0 || list.length === 0) return list[0];
  return list[(index + by + list.length) % list.length];
}

/** Where a key moves the focus from `current`; null when the key does not move it. */
export function moveFocus(
  navigation: DiagramNavigation,
  current: FocusTarget,
  key: string,
): FocusTarget | null {
  const { nodeOrder, outgoing, incoming, ends } = navigation;
  const node = (id: string | undefined): FocusTarget | null => (id ? { kind: 'node', id } : null);
  const edge = (id: string | undefined, via: 'out' | 'in'): FocusTarget | null =>
    id ? { kind: 'edge', id, via } : null;

  if (current.kind === 'node') {
    const index = nodeOrder.indexOf(current.id);
    switch (key) {
      case 'ArrowDown':
        return node(nodeOrder[Math.min(nodeOrder.length - 1, index + 1)]);
      case 'ArrowUp':
        return node(nodeOrder[Math.max(0, index - 1)]);
      case 'Home':
        return node(nodeOrder[0]);
      case 'End':
        return node(nodeOrder.at(-1));
      case 'ArrowRight':
        return edge(outgoing.get(current.id)?.[0], 'out') ?? edge(incoming.get(current.id)?.[0], 'in');
      case 'ArrowLeft':
        return edge(incoming.get(current.id)?.[0], 'in') ?? edge(outgoing.get(current.id)?.[0], 'out');
      default:
        return null;
    }
  }

  const end = ends.get(current.id);
  if (!end) return null;
  const siblings = current.via === 'out' ? (outgoing.get(end.from) ?? []) : (incoming.get(end.to) ?? []);
  switch (key) {
    case 'ArrowRight':
      return edge(step(siblings, current.id, 1), current.via);
    case 'ArrowLeft':
      return edge(step(siblings, current.id, -1), current.via);
    case 'ArrowUp':
      return node(end.from);
    case 'ArrowDown':
      return node(end.to);
    default:
      return null;
  }
}
