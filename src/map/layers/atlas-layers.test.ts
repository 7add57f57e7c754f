import type { Layer, PickingInfo } from '@deck.gl/core';
import { circle } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { hexToRgba, markerPalette } from '../colour.ts';
import { type AtlasLayerInput, buildAtlasLayers, isFlowArc, pickedObject } from './atlas-layers.ts';
import type { CompanyMarker, StreamGlyph } from './company-markers.ts';
import type { FlowArc } from './flow-arcs.ts';

// ——— Fixtures ———————————————————————————————————————————————————————————————————————————————————————————————

function arc(id: string, options: Partial<FlowArc> = {}): FlowArc {
  return {
    id,
    kind: 'exchange',
    status: 'existing',
    fromId: 'plant',
    toId: 'factory',
    resourceId: 'steam',
    path: [
      [11.08, 55.66],
      [11.1, 55.66],
      [11.12, 55.67],
    ],
    colors: [
      [213, 94, 0, 90],
      [213, 94, 0, 170],
      [213, 94, 0, 245],
    ],
    widthPx: 4,
    dashed: false,
    cased: false,
    quantity: { value: null, unit: 'MWh/yr' },
    distanceKm: 3,
    startYear: 1990,
    endYear: null,
    score: null,
    memberIds: [id],
    summary: { totals: [], unknown: 1, ranged: 0 },
    stub: false,
    arrow: { angleDeg: 0, backoffPx: 9, sizePx: 9 },
    ...options,
  };
}

function marker(id: string): CompanyMarker {
  return {
    id,
    name: id,
    position: [11.1, 55.66],
    role: 'partner',
    radiusPx: 8,
    fill: [31, 78, 95, 255],
    outline: [255, 255, 255, 255],
  };
}

const glyph: StreamGlyph = {
  id: 'plant-out-steam',
  companyId: 'plant',
  resourceId: 'steam',
  direction: 'output',
  position: [11.1, 55.66],
  offsetPx: [0, -13],
  colour: [213, 94, 0, 255],
};

const existing = arc('existing');
const proposed = arc('proposed', { status: 'proposed', cased: true });
const recordedCandidate = arc('recorded-candidate', { status: 'candidate', dashed: true });
const computedCandidate = arc('cand-plant-out--farm-in', {
  kind: 'candidate',
  status: 'candidate',
  dashed: true,
  score: 0.4,
});
const historic = arc('historic', { status: 'historic' });
const plant = marker('plant');
const factory = marker('factory');
const farm = marker('farm');

const input: AtlasLayerInput = {
  arcs: [existing, proposed, recordedCandidate, computedCandidate, historic],
  markers: [plant, factory, farm],
  clusters: [],
  glyphs: [glyph],
  finderArea: null,
  highlightedArcId: null,
  ringedCompanyIds: [],
  beforeId: 'place-labels',
};

const finderArea = circle([11.1, 55.66], 10, { units: 'kilometers', steps: 32 });

/** deck.gl layer props, read as plain data: layers are built without a GL context in these specs. */
type Props = {
  data: unknown;
  beforeId?: string;
  pickable?: boolean;
  extensions?: unknown[];
  getColor?: unknown;
  getWidth?: unknown;
  billboard?: boolean;
};
const propsOf = (layer: Layer | undefined): Props => {
  if (!layer) throw new Error('no such layer');
  return layer.props as unknown as Props;
};

function layer(layers: Layer[], id: string): Layer {
  const found = layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id} among ${layers.map((l) => l.id).join(', ')}`);
  return found;
}

const dataOf = <T>(layers: Layer[], id: string) => propsOf(layer(layers, id)).data as T[];
const idsIn = (layers: Layer[], id: string) => dataOf<{ id: string }>(layers, id).map((item) => item.id);

/** Calls a deck.gl accessor (a function of the object, or a constant) the way deck.gl would. */
function access<T>(accessor: unknown, object: unknown): T {
  return (
    typeof accessor === 'function' ? accessor(object, { index: 0, data: [], target: [] }) : accessor
  ) as T;
}

function pickInfo(layers: Layer[], layerId: string | null, object: unknown): PickingInfo {
  return {
    layer: layerId === null ? null : layer(layers, layerId),
    object,
    index: 0,
    picked: object !== null,
    x: 10,
    y: 10,
    pixel: [10, 10],
    coordinate: [11.1, 55.66],
    color: null,
  } as unknown as PickingInfo;
}

// ——— Specs ——————————————————————————————————————————————————————————————————————————————————————————————————

const drawingOrder = [
  'flow-casings',
  'flows',
  'candidate-flows',
  'flow-arrows',
  'flow-particles',
  'company-markers',
  'cluster-markers',
  'stream-glyphs',
  'selection-rings',
];

describe('the atlas layers', () => {
  it('come in drawing order: casings, flows, candidates, arrowheads, particles, markers, clusters, glyphs, rings (cluster counts are MapLibre labels)', () => {
    expect(buildAtlasLayers(input).map((l) => l.id)).toEqual(drawingOrder);
  });

  it('draw the partner finder area first, beneath everything, when there is one', () => {
    const layers = buildAtlasLayers({ ...input, finderArea });
    expect(layers.map((l) => l.id)).toEqual(['partner-finder-area', ...drawingOrder]);
    expect(dataOf(layers, 'partner-finder-area')).toEqual([finderArea]);
  });

  it('have no finder area layer without a finder area', () => {
    expect(buildAtlasLayers(input).some((l) => l.id === 'partner-finder-area')).toBe(false);
  });

  it('all sit beneath the basemap layer they are given', () => {
    for (const layers of [buildAtlasLayers(input), buildAtlasLayers({ ...input, finderArea })]) {
      for (const l of layers) expect(propsOf(l).beforeId, l.id).toBe('place-labels');
    }
  });

  it('sit on top of the basemap when no layer is given', () => {
    const layers = buildAtlasLayers({ ...input, beforeId: undefined });
    for (const l of layers) expect(propsOf(l).beforeId, l.id).toBeUndefined();
  });

  it('have unique ids, so deck.gl can tell them apart between renders', () => {
    const ids = buildAtlasLayers({ ...input, finderArea }).map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('work with nothing to draw', () => {
    const layers = buildAtlasLayers({ ...input, arcs: [], markers: [], glyphs: [] });
    expect(layers).toHaveLength(9);
    for (const l of layers) expect(propsOf(l).data, l.id).toEqual([]);
  });
});

describe('the flow layers', () => {
  const layers = buildAtlasLayers(input);

  it('give every flow an arrowhead at its receiving end, laid flat so it turns with the map', () => {
    expect(idsIn(layers, 'flow-arrows')).toEqual(input.arcs.map((a) => a.id));
    const arrows = layers.find((l) => l.id === 'flow-arrows');
    expect(propsOf(arrows as Layer).billboard).toBe(false);
  });

  it('draw a flow too short for this zoom as a stub, not as a line', () => {
    const stub = arc('short', { stub: true });
    const withStub = buildAtlasLayers({ ...input, arcs: [stub] });
    expect(idsIn(withStub, 'flows')).toEqual([]);
    expect(idsIn(withStub, 'flow-arrows')).toEqual(['short']);
  });

  it('draw solid arcs in "flows" and dashed ones in "candidate-flows", each arc once', () => {
    expect(idsIn(layers, 'flows')).toEqual(['existing', 'proposed', 'historic']);
    expect(idsIn(layers, 'candidate-flows')).toEqual(['recorded-candidate', 'cand-plant-out--farm-in']);
  });

  it('dash only the candidates, while every path shares one dash-capable program', () => {
    const dashOf = (id: string) =>
      (propsOf(layer(layers, id)) as unknown as { getDashArray: () => [number, number] }).getDashArray();
    for (const id of ['flow-casings', 'flows', 'candidate-flows']) {
      expect(propsOf(layer(layers, id)).extensions).toHaveLength(1);
    }
    expect(dashOf('candidate-flows')[1]).toBeGreaterThan(0);
    expect(dashOf('flows')[1]).toBe(0);
    expect(dashOf('flow-casings')[1]).toBe(0);
  });

  it('case proposals', () => {
    expect(idsIn(layers, 'flow-casings')).toEqual(['proposed']);
  });

  it('give the highlighted arc a wider casing in the selection colour', () => {
    const highlighted = buildAtlasLayers({ ...input, highlightedArcId: 'existing' });
    expect(idsIn(highlighted, 'flow-casings')).toEqual(['existing', 'proposed']);
    const casing = propsOf(layer(highlighted, 'flow-casings'));
    expect(access(casing.getColor, existing)).toEqual(hexToRgba(markerPalette.selection));
    expect(access(casing.getColor, proposed)).not.toEqual(hexToRgba(markerPalette.selection));
    expect(access<number>(casing.getWidth, existing)).toBeGreaterThan(
      access<number>(casing.getWidth, proposed),
    );
    expect(access<number>(casing.getWidth, existing)).toBeGreaterThan(existing.widthPx);
  });

  it('case a highlighted candidate too, once, even if it is also a proposal', () => {
    const candidate = buildAtlasLayers({ ...input, highlightedArcId: 'cand-plant-out--farm-in' });
    expect(idsIn(candidate, 'flow-casings')).toEqual(['proposed', 'cand-plant-out--farm-in']);
    const proposal = buildAtlasLayers({ ...input, highlightedArcId: 'proposed' });
    expect(idsIn(proposal, 'flow-casings')).toEqual(['proposed']);
  });

  it('case nothing extra for a highlighted arc that is not drawn', () => {
    expect(idsIn(buildAtlasLayers({ ...input, highlightedArcId: 'gone' }), 'flow-casings')).toEqual([
      'proposed',
    ]);
  });

  it('colour each arc along its path and give it its width', () => {
    const flows = propsOf(layer(layers, 'flows'));
    expect(access(flows.getColor, existing)).toEqual(existing.colors);
    expect(access(flows.getWidth, existing)).toBe(existing.widthPx);
  });

  it('keep thin candidates wide enough for their dashes to read', () => {
    const thin = { ...computedCandidate, widthPx: 1 };
    expect(access<number>(propsOf(layer(layers, 'candidate-flows')).getWidth, thin)).toBeGreaterThan(1);
  });

  it('can be picked, but casings cannot', () => {
    expect(propsOf(layer(layers, 'flows')).pickable).toBe(true);
    expect(propsOf(layer(layers, 'candidate-flows')).pickable).toBe(true);
    expect(propsOf(layer(layers, 'flow-casings')).pickable).toBeFalsy();
  });
});

describe('the marker layers', () => {
  it('draw every marker and every glyph', () => {
    const layers = buildAtlasLayers(input);
    expect(idsIn(layers, 'company-markers')).toEqual(['plant', 'factory', 'farm']);
    expect(idsIn(layers, 'stream-glyphs')).toEqual(['plant-out-steam']);
    expect(propsOf(layer(layers, 'company-markers')).pickable).toBe(true);
  });

  it('ring only the selected companies', () => {
    const layers = buildAtlasLayers({ ...input, ringedCompanyIds: ['farm', 'plant', 'not-on-the-map'] });
    expect(idsIn(layers, 'selection-rings')).toEqual(['plant', 'farm']);
    expect(idsIn(buildAtlasLayers(input), 'selection-rings')).toEqual([]);
  });
});

describe('picking', () => {
  const layers = buildAtlasLayers(input);

  it('reports the arc under the pointer, solid or dashed', () => {
    expect(pickedObject(pickInfo(layers, 'flows', existing))).toBe(existing);
    expect(pickedObject(pickInfo(layers, 'candidate-flows', computedCandidate))).toBe(computedCandidate);
  });

  it('reports the company under the pointer', () => {
    expect(pickedObject(pickInfo(layers, 'company-markers', plant))).toBe(plant);
  });

  it('ignores glyphs, rings, casings and the finder area', () => {
    const withFinder = buildAtlasLayers({ ...input, finderArea, ringedCompanyIds: ['plant'] });
    expect(pickedObject(pickInfo(withFinder, 'stream-glyphs', glyph))).toBeNull();
    expect(pickedObject(pickInfo(withFinder, 'selection-rings', plant))).toBeNull();
    expect(pickedObject(pickInfo(withFinder, 'flow-casings', proposed))).toBeNull();
    expect(pickedObject(pickInfo(withFinder, 'partner-finder-area', finderArea))).toBeNull();
  });

  it('reports nothing when nothing is under the pointer', () => {
    expect(pickedObject(pickInfo(layers, null, null))).toBeNull();
    expect(pickedObject(pickInfo(layers, 'flows', null))).toBeNull();
    expect(pickedObject(pickInfo(layers, null, existing))).toBeNull();
  });

  it('tells an arc from a company', () => {
    const arcPick = pickedObject(pickInfo(layers, 'flows', existing));
    const companyPick = pickedObject(pickInfo(layers, 'company-markers', plant));
    if (!arcPick || !companyPick) throw new Error('nothing picked');
    expect(isFlowArc(arcPick)).toBe(true);
    expect(isFlowArc(companyPick)).toBe(false);
    expect(isFlowArc(computedCandidate)).toBe(true);
  });
});
