import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { circle } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { markerPalette } from '../colour.ts';
import type { ClusterMarker } from './cluster-markers.ts';
import type { CompanyMarker, StreamGlyph } from './company-markers.ts';
import type { FlowArc } from './flow-arcs.ts';
import { iconId, parseIconId } from './icon-ids.ts';
import { stageFillPath, stageGlyphs } from './stage-marks.ts';
import {
  type AtlasLayerInput,
  arrowFeatures,
  clusterFeatures,
  FLOW_PIECES,
  finderFeatures,
  flowCasingFeatures,
  flowPieceFeatures,
  glyphFeatures,
  MIN_CANDIDATE_WIDTH_PX,
  markerFeatures,
  ringFeatures,
  stageMarkFeatures,
} from './thematic-features.ts';
import { pickableLayers, thematicLayerIds, thematicLayers, thematicSourceIds } from './thematic-style.ts';

// ——— Fixtures ———————————————————————————————————————————————————————————————————————————————————————————————

function arc(id: string, options: Partial<FlowArc> = {}): FlowArc {
  return {
    id,
    kind: 'exchange',
    status: 'existing',
    fromId: 'plant',
    toId: 'factory',
    resourceId: 'steam',
    path: Array.from({ length: 13 }, (_, i): [number, number] => [11.08 + i * 0.004, 55.66 + i * 0.001]),
    colors: Array.from({ length: 13 }, (_, i): [number, number, number, number] => [213, 94, 0, 90 + i * 13]),
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

function marker(id: string, radiusPx = 8): CompanyMarker {
  return {
    id,
    name: id,
    position: [11.1, 55.66],
    role: 'partner',
    radiusPx,
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
const farm = marker('farm', 14);
const harbour: ClusterMarker = {
  id: 'cluster-harbour',
  position: [11.09, 55.67],
  radiusPx: 20,
  memberCount: 5,
  memberIds: ['refinery', 'power-station', 'pharma', 'enzymes', 'utility'],
  roles: { partner: 5, 'registered-potential': 0, 'former-partner': 0, external: 0 },
  iconId: iconId('cluster', '100-0-0-0'),
};

const input: AtlasLayerInput = {
  arcs: [existing, proposed, recordedCandidate, computedCandidate, historic],
  markers: [plant, factory, farm],
  clusters: [],
  glyphs: [glyph],
  finderArea: null,
  highlightedArcId: null,
  ringedCompanyIds: [],
};

const finderArea = circle([11.1, 55.66], 10, { units: 'kilometers', steps: 32 });

const arcIdsOf = (features: { features: { properties: { arcId: string } }[] }) => [
  ...new Set(features.features.map((feature) => feature.properties.arcId)),
];
const layerSpec = (id: string) => {
  const found = thematicLayers().find((layer) => layer.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
};

// ——— Specs ——————————————————————————————————————————————————————————————————————————————————————————————————

describe('the thematic layers', () => {
  it('come in drawing order: finder area, casings, flows, candidates, arrowheads, stage marks, markers, clusters, glyphs, rings (names are labels)', () => {
    expect(thematicLayers().map((layer) => layer.id)).toEqual([
      'partner-finder-area',
      'partner-finder-outline',
      'flow-casings',
      'flows',
      'candidate-flows',
      'flow-arrows',
      'pipeline-stage-marks',
      'company-markers',
      'cluster-markers',
      'stream-glyphs',
      'selection-rings',
    ]);
  });

  it('form a valid MapLibre style with their sources', () => {
    const sources = Object.fromEntries(
      Object.values(thematicSourceIds).map((id) => [
        id,
        { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } },
      ]),
    );
    expect(validateStyleMin({ version: 8, sources, layers: thematicLayers() })).toEqual([]);
  });

  it('have unique ids, each drawing from one of the thematic sources', () => {
    const layers = thematicLayers();
    expect(new Set(layers.map((layer) => layer.id)).size).toBe(layers.length);
    const sources = new Set<string>(Object.values(thematicSourceIds));
    for (const layer of layers) expect(sources.has('source' in layer ? String(layer.source) : '')).toBe(true);
  });

  it('let the pointer pick companies, clusters, flows, arrowheads and stage marks, but not casings, glyphs, rings or the finder area', () => {
    expect(Object.entries(pickableLayers).sort()).toEqual([
      ['candidate-flows', 'arc'],
      ['cluster-markers', 'cluster'],
      ['company-markers', 'company'],
      ['flow-arrows', 'arc'],
      ['flows', 'arc'],
      ['pipeline-stage-marks', 'arc'],
    ]);
  });

  it('style rings from their features as markers are, and every image layer alike, so they share shader programs', () => {
    const paintKeys = (id: string) => Object.keys(layerSpec(id).paint ?? {}).sort();
    expect(paintKeys(thematicLayerIds.rings)).toEqual(paintKeys(thematicLayerIds.markers));
    for (const id of [
      thematicLayerIds.clusters,
      thematicLayerIds.glyphs,
      thematicLayerIds.arrows,
      thematicLayerIds.stageMarks,
    ]) {
      expect(paintKeys(id)).toEqual([]);
    }
  });

  it('dash only the candidates', () => {
    const dashOf = (id: string) => {
      const layer = layerSpec(id);
      return layer.type === 'line' ? layer.paint?.['line-dasharray'] : undefined;
    };
    expect(dashOf(thematicLayerIds.candidateFlows)).toEqual([3, 2]);
    expect(dashOf(thematicLayerIds.flows)).toBeUndefined();
    expect(dashOf(thematicLayerIds.casings)).toBeUndefined();
  });

  it('lay arrowheads flat on the map, tip on the flow’s end, so they turn with the map', () => {
    const arrows = layerSpec(thematicLayerIds.arrows);
    expect(arrows.type === 'symbol' && arrows.layout).toMatchObject({
      'icon-rotation-alignment': 'map',
      'icon-pitch-alignment': 'map',
      'icon-anchor': 'right',
    });
  });
});

describe('the flow features', () => {
  it('give every flow an arrowhead at its receiving end, pointing along its last step', () => {
    const arrows = arrowFeatures(input.arcs, null).features;
    expect(arrows.map((arrow) => arrow.properties.arcId)).toEqual(input.arcs.map((a) => a.id));
    const [first] = arrows;
    expect(first?.geometry.coordinates).toEqual(existing.path.at(-1));
    expect(first?.properties.rotateDeg).toBe(-0);
    // Drawn back from the node's centre by the arc's backoff, whatever the icon's scale.
    expect((first?.properties.offset[0] ?? 0) * (first?.properties.scale ?? 0)).toBeCloseTo(-9);
  });

  it('turn a flow’s arrowhead clockwise for MapLibre from an angle counter-clockwise from east', () => {
    const north = arc('north', { arrow: { angleDeg: 90, backoffPx: 9, sizePx: 9 } });
    expect(arrowFeatures([north], null).features[0]?.properties.rotateDeg).toBe(-90);
  });

  it('draw a flow too short for this zoom as a stub arrow, not as a line', () => {
    const stub = arc('stub', { stub: true });
    expect(flowPieceFeatures([stub]).features).toEqual([]);
    expect(flowCasingFeatures([{ ...stub, cased: true }], null).features).toEqual([]);
    const [arrow] = arrowFeatures([stub], null).features;
    expect(parseIconId(arrow?.properties.icon ?? '')?.kind).toBe('stub');
  });

  it('draw each arc as pieces that cover its path once, end to end, dashed only for candidates', () => {
    const pieces = flowPieceFeatures(input.arcs).features;
    expect(arcIdsOf({ features: pieces })).toEqual(input.arcs.map((a) => a.id));
    const ofExisting = pieces.filter((piece) => piece.properties.arcId === 'existing');
    expect(ofExisting).toHaveLength(FLOW_PIECES);
    const joined = ofExisting.flatMap((piece, i) => piece.geometry.coordinates.slice(i === 0 ? 0 : 1));
    expect(joined).toEqual(existing.path);
    expect(pieces.filter((piece) => piece.properties.dashed).map((piece) => piece.properties.arcId)).toEqual(
      expect.arrayContaining(['recorded-candidate', 'cand-plant-out--farm-in']),
    );
    expect(pieces.some((piece) => piece.properties.dashed && piece.properties.arcId === 'existing')).toBe(
      false,
    );
  });

  it('fade each flow in from the giver to the receiver', () => {
    const alphas = flowPieceFeatures([existing]).features.map((piece) =>
      Number(piece.properties.colour.split(',').at(-1)?.replace(')', '')),
    );
    expect(alphas).toEqual([...alphas].sort((a, b) => a - b));
    expect(alphas[0]).toBeLessThan(alphas.at(-1) ?? 0);
  });

  it('keep thin candidates wide enough for their dashes to read', () => {
    const thin = arc('thin', { status: 'candidate', dashed: true, widthPx: 1.5 });
    const widths = flowPieceFeatures([thin]).features.map((piece) => piece.properties.widthPx);
    expect(Math.min(...widths)).toBe(MIN_CANDIDATE_WIDTH_PX);
  });

  it('case proposals', () => {
    expect(arcIdsOf(flowCasingFeatures(input.arcs, null))).toEqual(['proposed']);
  });

  it('give the highlighted arc a wider casing in the selection colour, drawn over the others', () => {
    const casings = flowCasingFeatures(input.arcs, 'existing').features;
    expect(casings.map((casing) => casing.properties.arcId)).toEqual(['existing', 'proposed']);
    const [highlighted, proposal] = casings;
    expect(highlighted?.properties.colour).toBe(markerPalette.selection);
    expect(proposal?.properties.colour).not.toBe(markerPalette.selection);
    expect(highlighted?.properties.widthPx).toBeGreaterThan(proposal?.properties.widthPx ?? 0);
    expect(highlighted?.properties.order).toBeGreaterThan(proposal?.properties.order ?? 0);
  });

  it('case a highlighted candidate too, once, even if it is also a proposal', () => {
    expect(arcIdsOf(flowCasingFeatures(input.arcs, 'cand-plant-out--farm-in'))).toEqual([
      'proposed',
      'cand-plant-out--farm-in',
    ]);
    expect(arcIdsOf(flowCasingFeatures(input.arcs, 'proposed'))).toEqual(['proposed']);
  });

  it('case nothing extra for a highlighted arc that is not drawn', () => {
    expect(arcIdsOf(flowCasingFeatures(input.arcs, 'not-drawn'))).toEqual(['proposed']);
  });

  it('draw the highlighted arc’s arrowhead bigger and in the selection colour', () => {
    const [plain] = arrowFeatures([existing], null).features;
    const [highlighted] = arrowFeatures([existing], 'existing').features;
    expect(highlighted?.properties.scale).toBeGreaterThan(plain?.properties.scale ?? 0);
    expect(highlighted?.properties.icon).toBe(
      iconId('arrow', markerPalette.selection.slice(1).toLowerCase()),
    );
    expect(plain?.properties.icon).toBe(iconId('arrow', 'd55e00'));
  });
});

describe('the pipeline stage marks (staff only)', () => {
  const stages = new Map([
    ['recorded-candidate', 'screening' as const],
    ['proposed', 'agreement' as const],
  ]);

  it('put a ring at the middle of each arc that has a stage, named by its stage', () => {
    const marks = stageMarkFeatures(input.arcs, stages).features;
    expect(marks.map((mark) => [mark.properties.arcId, mark.properties.stage])).toEqual([
      ['proposed', 'agreement'],
      ['recorded-candidate', 'screening'],
    ]);
    const [agreement] = marks;
    expect(agreement?.geometry.coordinates).toEqual(proposed.path[6]);
    expect(parseIconId(agreement?.properties.icon ?? '')).toEqual({ kind: 'stage', detail: 'agreement' });
  });

  it('draw nothing for the public, nor for an arc without a stage or too short to draw', () => {
    expect(stageMarkFeatures(input.arcs, undefined).features).toEqual([]);
    expect(stageMarkFeatures(input.arcs, new Map()).features).toEqual([]);
    expect(stageMarkFeatures([arc('proposed', { stub: true })], stages).features).toEqual([]);
  });

  it('come in a source and layer of their own: the flows themselves carry nothing of the pipeline', () => {
    const [piece] = flowPieceFeatures(input.arcs).features;
    expect(Object.keys(piece?.properties ?? {}).sort()).toEqual(['arcId', 'colour', 'dashed', 'widthPx']);
    const layer = layerSpec(thematicLayerIds.stageMarks);
    expect(layer.type === 'symbol' && 'source' in layer ? layer.source : null).toBe(
      thematicSourceIds.stageMarks,
    );
  });

  it('tell every stage apart by shape: a fill that grows from idea to operating, a bar for ended, a cross for declined', () => {
    const shapes = Object.values(stageGlyphs).map((glyph) => `${glyph.filled}:${glyph.mark}`);
    expect(new Set(shapes).size).toBe(shapes.length);
    const progress = (['idea', 'screening', 'feasibility', 'agreement', 'operating'] as const).map(
      (stage) => stageGlyphs[stage].filled,
    );
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(stageFillPath(12, 12, 7, 0)).toBeNull();
    expect(stageFillPath(12, 12, 7, 0.25)).toBe('M 12 12 L 12 5 A 7 7 0 0 1 19 12 Z');
    expect(stageFillPath(12, 12, 7, 0.75)).toContain('A 7 7 0 1 1 5 12');
  });
});

describe('the marker features', () => {
  it('draw every marker and every glyph, small markers above big ones', () => {
    const markers = markerFeatures(input.markers).features;
    expect(markers.map((m) => m.properties.id)).toEqual(['plant', 'factory', 'farm']);
    const orderOf = (id: string) => markers.find((m) => m.properties.id === id)?.properties.order ?? 0;
    expect(orderOf('plant')).toBeGreaterThan(orderOf('farm'));
    expect(glyphFeatures(input.glyphs).features.map((g) => g.properties.id)).toEqual([glyph.id]);
  });

  it('place a glyph at its pixel offset from the marker, whatever its icon’s scale', () => {
    const [feature] = glyphFeatures([glyph]).features;
    const scale = feature?.properties.scale ?? 0;
    expect(feature?.properties.offset.map((value) => value * scale)).toEqual([0, -13]);
    expect(parseIconId(feature?.properties.icon ?? '')).toEqual({ kind: 'dot', detail: 'd55e00' });
  });

  it('ring only the selected companies, and the cluster a ringed company is in', () => {
    expect(ringFeatures(input.markers, [harbour], ['factory']).features.map((r) => r.properties.id)).toEqual([
      'factory',
    ]);
    expect(ringFeatures(input.markers, [harbour], ['pharma']).features.map((r) => r.properties.id)).toEqual([
      'cluster-harbour',
    ]);
    expect(ringFeatures(input.markers, [harbour], []).features).toEqual([]);
  });

  it('draw a cluster as its ring image, sized to its radius', () => {
    const [feature] = clusterFeatures([harbour]).features;
    expect(feature?.properties).toMatchObject({ id: 'cluster-harbour', icon: 'atlas-cluster-100-0-0-0' });
    expect((feature?.properties.scale ?? 0) * 64).toBe(40);
  });
});

describe('the partner finder area', () => {
  it('is drawn when there is one, and nothing otherwise', () => {
    expect(finderFeatures(finderArea).features).toHaveLength(1);
    expect(finderFeatures(null).features).toEqual([]);
  });
});

describe('image names', () => {
  it('say what an image shows, and read back', () => {
    expect(parseIconId(iconId('ring', '0072b2'))).toEqual({ kind: 'ring', detail: '0072b2' });
    expect(parseIconId(iconId('cluster', '60-20-20-0'))).toEqual({ kind: 'cluster', detail: '60-20-20-0' });
    expect(parseIconId('town-label')).toBeNull();
  });
});
