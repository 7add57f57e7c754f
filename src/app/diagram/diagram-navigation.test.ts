import { describe, expect, it } from 'vitest';
import type { Box, DiagramLayout } from './diagram-elk.ts';
import type { DiagramEdge, DiagramGraph, DiagramNode } from './diagram-model.ts';
import { buildNavigation, type FocusTarget, moveFocus, tabOrder } from './diagram-navigation.ts';

/**
 * A small symbiosis drawn left to right:
 *
 *   power ──steam──▶ pharma
 *     │ ──heat───▶ town
 *   refinery ─water─▶ power, refinery ─gas─▶ power (two parallel flows)
 *
 * refinery is left of power; pharma above town on the right.
 */
const node = (id: string): DiagramNode => ({
  id,
  name: id,
  role: 'partner',
  label: id,
  lines: [id],
  width: 100,
  height: 40,
  outgoing: 0,
  incoming: 0,
});
const edge = (id: string, from: string, to: string): DiagramEdge => ({
  id,
  kind: 'exchange',
  status: 'existing',
  from,
  to,
  resourceId: 'steam',
  resourceLabel: 'Steam',
  colour: '#D55E00',
  lines: ['Steam'],
  labelWidth: 40,
  labelHeight: 20,
  name: id,
  dashed: false,
  cased: false,
  muted: false,
});
const graph: DiagramGraph = {
  size: 'normal',
  nodes: ['power', 'pharma', 'town', 'refinery'].map(node),
  edges: [
    edge('power-heat-town', 'power', 'town'),
    edge('power-steam-pharma', 'power', 'pharma'),
    edge('refinery-water-power', 'refinery', 'power'),
    edge('refinery-gas-power', 'refinery', 'power'),
  ],
};
const box = (x: number, y: number): Box => ({ x, y, width: 100, height: 40 });
const layout: DiagramLayout = {
  direction: 'RIGHT',
  width: 800,
  height: 400,
  nodes: new Map([
    ['refinery', box(0, 100)],
    ['power', box(300, 100)],
    ['pharma', box(600, 20)],
    ['town', box(600, 200)],
  ]),
  edges: new Map(),
};
const navigation = buildNavigation(graph, layout);
const at = (kind: FocusTarget['kind'], id: string, via: 'out' | 'in' = 'out'): FocusTarget =>
  kind === 'node' ? { kind, id } : { kind, id, via };
const press = (from: FocusTarget, ...keys: string[]) =>
  keys.reduce<FocusTarget | null>(
    (target, key) => (target ? moveFocus(navigation, target, key) : null),
    from,
  );

describe('moving through the diagram with the keyboard', () => {
  it('tabs through companies in reading order, each followed by the flows it sends', () => {
    expect(tabOrder(navigation).map((item) => `${item.kind}:${item.id}`)).toEqual([
      'node:refinery',
      'edge:refinery-gas-power',
      'edge:refinery-water-power',
      'node:power',
      'edge:power-steam-pharma',
      'edge:power-heat-town',
      'node:pharma',
      'node:town',
    ]);
  });

  it('reaches every flow by Tab, and every flow by arrow keys from its giver', () => {
    const tabbed = tabOrder(navigation).filter((item) => item.kind === 'edge');
    expect(tabbed.map((item) => item.id).sort()).toEqual(graph.edges.map((e) => e.id).sort());
    const reached = new Set<string>();
    for (const id of navigation.nodeOrder) {
      let target = moveFocus(navigation, at('node', id), 'ArrowRight');
      for (let i = 0; target?.kind === 'edge' && i < graph.edges.length; i++) {
        if (navigation.ends.get(target.id)?.from === id) reached.add(target.id);
        target = moveFocus(navigation, target, 'ArrowRight');
      }
    }
    expect([...reached].sort()).toEqual(graph.edges.map((e) => e.id).sort());
  });

  it('on a company: ↓/↑ next and previous company, → its first flow out, ← its first flow in', () => {
    expect(press(at('node', 'refinery'), 'ArrowDown')).toEqual(at('node', 'power'));
    expect(press(at('node', 'power'), 'ArrowUp')).toEqual(at('node', 'refinery'));
    expect(press(at('node', 'refinery'), 'ArrowUp')).toEqual(at('node', 'refinery'));
    expect(press(at('node', 'pharma'), 'End')).toEqual(at('node', 'town'));
    expect(press(at('node', 'town'), 'Home')).toEqual(at('node', 'refinery'));
    expect(press(at('node', 'power'), 'ArrowRight')).toEqual(at('edge', 'power-steam-pharma', 'out'));
    expect(press(at('node', 'power'), 'ArrowLeft')).toEqual(at('edge', 'refinery-gas-power', 'in'));
    // A company that only receives: → still enters its flows (the incoming ones).
    expect(press(at('node', 'town'), 'ArrowRight')).toEqual(at('edge', 'power-heat-town', 'in'));
  });

  it('on a flow: ←/→ cycle the flows of the company it was reached from, ↑ giver, ↓ receiver', () => {
    const steam = at('edge', 'power-steam-pharma', 'out');
    expect(press(steam, 'ArrowRight')).toEqual(at('edge', 'power-heat-town', 'out'));
    expect(press(steam, 'ArrowRight', 'ArrowRight')).toEqual(steam);
    expect(press(steam, 'ArrowLeft')).toEqual(at('edge', 'power-heat-town', 'out'));
    expect(press(steam, 'ArrowUp')).toEqual(at('node', 'power'));
    expect(press(steam, 'ArrowDown')).toEqual(at('node', 'pharma'));
    // Reached from power with ←: the flows into power, the two parallel ones from the refinery.
    const gas = at('edge', 'refinery-gas-power', 'in');
    expect(press(gas, 'ArrowRight')).toEqual(at('edge', 'refinery-water-power', 'in'));
    expect(press(gas, 'ArrowUp')).toEqual(at('node', 'refinery'));
  });

  it('ignores keys it does not use', () => {
    expect(moveFocus(navigation, at('node', 'power'), 'a')).toBeNull();
    expect(moveFocus(navigation, at('edge', 'power-steam-pharma'), 'Home')).toBeNull();
  });

  it('reads a top-to-bottom layout row by row', () => {
    const down = buildNavigation(graph, {
      ...layout,
      direction: 'DOWN',
      nodes: new Map([
        ['refinery', box(100, 0)],
        ['power', box(100, 200)],
        ['pharma', box(0, 400)],
        ['town', box(200, 400)],
      ]),
    });
    expect(down.nodeOrder).toEqual(['refinery', 'power', 'pharma', 'town']);
    expect(down.outgoing.get('power')).toEqual(['power-steam-pharma', 'power-heat-town']);
  });
});
