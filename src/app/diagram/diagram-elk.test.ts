import ELK from 'elkjs/lib/elk.bundled.js';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { indexMapCompanies, toMapCompany } from '../../domain/map-companies.ts';
import { committedDataset } from '../../server/testing.ts';
import { en } from '../i18n/en.ts';
import { indexResources, selectVisibleExchanges } from '../state/selectors.ts';
import { defaultViewState } from '../state/view-fields.ts';
import {
  type Box,
  chooseLayout,
  type DiagramLayout,
  LAYOUT_FRAMES,
  layoutKey,
  layoutWith,
  toElkGraph,
} from './diagram-elk.ts';
import { buildDiagramGraph, type MeasureText } from './diagram-model.ts';

const data = await committedDataset();
const resources = indexResources(data.resources);
const companies = indexMapCompanies(data.companies.features.map(toMapCompany));
const i18n = i18next.createInstance();
await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
const measure: MeasureText = (text, style) => text.length * style.size * (style.weight === 700 ? 0.6 : 0.53);
const today = selectVisibleExchanges(data.exchanges, companies, resources, defaultViewState);
const graphOf = (exchanges: typeof today) =>
  buildDiagramGraph({
    exchanges,
    candidates: [],
    companies,
    resources,
    year: null,
    language: 'en',
    t: (key, options) => i18n.t(key, options ?? {}),
    measure,
    size: 'normal',
  });

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;
const onBorder = (point: { x: number; y: number }, box: Box) =>
  point.x >= box.x - 1 &&
  point.x <= box.x + box.width + 1 &&
  point.y >= box.y - 1 &&
  point.y <= box.y + box.height + 1;
const plain = (layout: DiagramLayout) => ({
  ...layout,
  nodes: Object.fromEntries(layout.nodes),
  edges: Object.fromEntries(layout.edges),
});

describe('the diagram laid out by ELK', () => {
  const graph = graphOf(today);
  const laidOut = layoutWith(new ELK(), graph);

  it('routes every arrow from its giver to its receiver, with its label on the way', async () => {
    const layout = await laidOut;
    expect(layout.edges.size).toBe(today.length);
    for (const edge of graph.edges) {
      const placed = layout.edges.get(edge.id);
      const from = layout.nodes.get(edge.from);
      const to = layout.nodes.get(edge.to);
      if (!placed || !from || !to) throw new Error(`${edge.id} was not laid out`);
      expect(placed.points.length).toBeGreaterThanOrEqual(2);
      expect(onBorder(placed.points[0] ?? { x: -9, y: -9 }, from)).toBe(true);
      expect(onBorder(placed.points.at(-1) ?? { x: -9, y: -9 }, to)).toBe(true);
      expect(placed.label).not.toBeNull();
    }
  });

  it('lets no label cover another label or a company', async () => {
    const layout = await laidOut;
    const labels = [...layout.edges.values()].flatMap((edge) => (edge.label ? [edge.label] : []));
    const nodes = [...layout.nodes.values()];
    for (const [i, label] of labels.entries()) {
      for (const other of labels.slice(i + 1)) expect(overlap(label, other)).toBe(false);
      for (const node of nodes) expect(overlap(label, node)).toBe(false);
    }
    for (const [i, node] of nodes.entries()) {
      for (const other of nodes.slice(i + 1)) expect(overlap(node, other)).toBe(false);
    }
  });

  it('gives the same picture for the same flows, whatever order they came in', async () => {
    const reversed = graphOf([...today].reverse());
    expect(layoutKey(reversed)).toBe(layoutKey(graph));
    expect(plain(await layoutWith(new ELK(), reversed))).toEqual(plain(await laidOut));
  });

  it('hands ELK each parallel exchange as its own edge', () => {
    const elkGraph = toElkGraph(graph);
    expect(elkGraph.edges).toHaveLength(today.length);
    expect(new Set(elkGraph.edges?.map((edge) => edge.id)).size).toBe(today.length);
  });
});

describe('choosing left-to-right or top-to-bottom', () => {
  const layout = (width: number, height: number, direction: DiagramLayout['direction']): DiagramLayout => ({
    direction,
    width,
    height,
    nodes: new Map(),
    edges: new Map(),
  });

  it('keeps left to right unless top to bottom is clearly larger on screen', () => {
    const frame = LAYOUT_FRAMES.normal;
    // A long thin chain: drawn top to bottom it can be twice as large.
    expect(chooseLayout(layout(3000, 300, 'RIGHT'), layout(700, 800, 'DOWN'), frame).direction).toBe('DOWN');
    // About as large either way: left to right, where labels run along the lines.
    expect(chooseLayout(layout(1600, 800, 'RIGHT'), layout(1500, 850, 'DOWN'), frame).direction).toBe(
      'RIGHT',
    );
  });
});
