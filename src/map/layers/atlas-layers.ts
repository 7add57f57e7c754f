import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathStyleExtension } from '@deck.gl/extensions';
import { IconLayer, PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, Polygon } from 'geojson';
import { hexToRgba, markerPalette, type Rgba, withAlpha } from '../colour.ts';
import { pageFontFamily } from '../fonts.ts';
import type { ClusterMarker } from './cluster-markers.ts';
import type { CompanyMarker, StreamGlyph } from './company-markers.ts';
import type { FlowArc } from './flow-arcs.ts';
import type { FlowParticle } from './flow-particles.ts';

export interface AtlasLayerInput {
  arcs: readonly FlowArc[];
  markers: readonly CompanyMarker[];
  /** Companies close together at this zoom, drawn as one ring with their count. */
  clusters: readonly ClusterMarker[];
  /** Dots moving along the flows when the animation runs; null when it does not. */
  particles?: readonly FlowParticle[] | null;
  glyphs: readonly StreamGlyph[];
  /** The partner finder's search area. */
  finderArea: Feature<Polygon> | null;
  /** Arc drawn highlighted (hovered, or chosen in a list). */
  highlightedArcId: string | null;
  /** Companies drawn with a selection ring: the selected one and the ends of a highlighted arc. */
  ringedCompanyIds: readonly string[];
  /** Interleaved with MapLibre: every layer is drawn just beneath this basemap layer (the first label). */
  beforeId?: string;
}

export type AtlasPickable = FlowArc | CompanyMarker | ClusterMarker;

/** Read by @deck.gl/maplibre in interleaved mode; not part of deck.gl's own layer prop types. */
type Interleaved = { beforeId?: string };

const selection = hexToRgba(markerPalette.selection);
const casing = hexToRgba(markerPalette.casing, 200);
const dashExtension = new PathStyleExtension({ dash: true });

// Mask icons: deck.gl colours them per glyph. Same-origin data: URLs keep the app offline.
const icon = (svg: string, id: string) => ({
  id,
  url: `data:image/svg+xml;base64,${btoa(svg)}`,
  width: 24,
  height: 24,
  mask: true,
});
const dotIcon = icon(
  '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="10" fill="#fff"/></svg>',
  'dot',
);
const ringIcon = icon(
  '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="8" fill="none" stroke="#fff" stroke-width="4"/></svg>',
  'ring',
);
// Arrowheads point east with their tip on the anchor, so deck.gl's angle (counter-clockwise from east) is
// the flow's direction and the tip sits exactly where the flow meets the receiver's marker.
const arrowIcon = {
  ...icon(
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><path d="M2 3 L24 12 L2 21 L7 12 Z" fill="#fff"/></svg>',
    'arrow',
  ),
  anchorX: 24,
  anchorY: 12,
};
const stubIcon = {
  ...icon(
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="24"><rect x="0" y="10" width="30" height="4" fill="#fff"/><path d="M24 3 L48 12 L24 21 L29 12 Z" fill="#fff"/></svg>',
    'stub',
  ),
  width: 48,
  anchorX: 48,
  anchorY: 12,
};

/**
 * Every thematic layer, from data already filtered and styled by pure functions. Order is drawing order:
 * search area, casings, flows, markers, glyphs, selection rings. Pickable layers report FlowArc or
 * CompanyMarker objects.
 */
export function buildAtlasLayers(input: AtlasLayerInput): Layer[] {
  const { arcs, highlightedArcId } = input;
  const cased = arcs.filter((arc) => !arc.stub && (arc.cased || arc.id === highlightedArcId));
  const drawn = arcs.filter((arc) => !arc.stub);
  const solid = drawn.filter((arc) => !arc.dashed);
  const dashed = drawn.filter((arc) => arc.dashed);
  // A ringed company inside a cluster rings its cluster, so the selection never disappears from the map.
  const ringed = [
    ...input.markers.filter((marker) => input.ringedCompanyIds.includes(marker.id)),
    ...input.clusters.filter((cluster) =>
      cluster.memberIds.some((id) => input.ringedCompanyIds.includes(id)),
    ),
  ];

  const layers: Layer[] = [];
  if (input.finderArea) {
    layers.push(
      new PolygonLayer<Feature<Polygon>, Interleaved>({
        id: 'partner-finder-area',
        beforeId: input.beforeId,
        data: [input.finderArea],
        getPolygon: (feature) => feature.geometry.coordinates,
        getFillColor: hexToRgba(markerPalette.finder, 28),
        getLineColor: hexToRgba(markerPalette.finder, 200),
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        stroked: true,
        filled: true,
      }),
    );
  }
  layers.push(
    new PathLayer<FlowArc, Interleaved>({
      id: 'flow-casings',
      beforeId: input.beforeId,
      data: cased,
      getPath: (arc) => arc.path,
      getColor: (arc) => (arc.id === highlightedArcId ? selection : casing),
      getWidth: (arc) => arc.widthPx + (arc.id === highlightedArcId ? 6 : 3),
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getColor: highlightedArcId, getWidth: highlightedArcId },
    }),
    new PathLayer<FlowArc, Interleaved>({
      id: 'flows',
      beforeId: input.beforeId,
      data: solid,
      getPath: (arc) => arc.path,
      getColor: (arc) => arc.colors,
      getWidth: (arc) => arc.widthPx,
      widthUnits: 'pixels',
      widthMinPixels: 1,
      capRounded: true,
      jointRounded: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
    }),
    new PathLayer<
      FlowArc,
      Interleaved & { getDashArray: (arc: FlowArc) => [number, number]; dashJustified: boolean }
    >({
      id: 'candidate-flows',
      beforeId: input.beforeId,
      data: dashed,
      getPath: (arc) => arc.path,
      getColor: (arc) => arc.colors,
      getWidth: (arc) => Math.max(arc.widthPx, 2.5),
      widthUnits: 'pixels',
      getDashArray: () => [3, 2],
      dashJustified: true,
      extensions: [dashExtension],
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
    }),
    new IconLayer<FlowArc, Interleaved>({
      id: 'flow-arrows',
      beforeId: input.beforeId,
      data: arcs,
      // Laid flat on the map, so heads keep pointing along their flows when the map is rotated or tilted.
      billboard: false,
      getPosition: (arc) => arc.path.at(-1) ?? [0, 0],
      getIcon: (arc) => (arc.stub ? stubIcon : arrowIcon),
      getAngle: (arc) => arc.arrow.angleDeg,
      getPixelOffset: (arc) => {
        const radians = (arc.arrow.angleDeg * Math.PI) / 180;
        return [-arc.arrow.backoffPx * Math.cos(radians), arc.arrow.backoffPx * Math.sin(radians)];
      },
      getSize: (arc) => (arc.stub ? 14 : arc.arrow.sizePx) + (arc.id === highlightedArcId ? 4 : 0),
      sizeUnits: 'pixels',
      getColor: (arc) =>
        arc.id === highlightedArcId ? selection : withAlpha(arc.colors.at(-1) ?? casing, 255),
      pickable: true,
      updateTriggers: { getColor: highlightedArcId, getSize: highlightedArcId },
    }),
    new ScatterplotLayer<FlowParticle, Interleaved>({
      id: 'flow-particles',
      beforeId: input.beforeId,
      data: input.particles ?? [],
      visible: Boolean(input.particles?.length),
      getPosition: (particle) => particle.position,
      getRadius: (particle) => particle.radiusPx,
      radiusUnits: 'pixels',
      getFillColor: (particle) => particle.colour,
      getLineColor: [255, 255, 255, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      stroked: true,
    }),
    new ScatterplotLayer<CompanyMarker, Interleaved>({
      id: 'company-markers',
      beforeId: input.beforeId,
      data: input.markers,
      getPosition: (marker) => marker.position,
      getRadius: (marker) => marker.radiusPx,
      radiusUnits: 'pixels',
      getFillColor: (marker) => marker.fill,
      getLineColor: (marker) => marker.outline,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      stroked: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [230, 159, 0, 160],
    }),
    new IconLayer<ClusterMarker, Interleaved>({
      id: 'cluster-markers',
      beforeId: input.beforeId,
      data: input.clusters,
      getPosition: (cluster) => cluster.position,
      getIcon: (cluster) => cluster.icon,
      getSize: (cluster) => cluster.radiusPx * 2,
      sizeUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      highlightColor: [230, 159, 0, 120],
    }),
    new TextLayer<ClusterMarker, Interleaved>({
      id: 'cluster-counts',
      beforeId: input.beforeId,
      data: input.clusters,
      getPosition: (cluster) => cluster.position,
      getText: (cluster) => String(cluster.memberCount),
      getSize: (cluster) => (cluster.memberCount >= 100 ? 12 : 14),
      sizeUnits: 'pixels',
      getColor: [27, 42, 51, 255],
      fontFamily: `"${pageFontFamily}", system-ui, sans-serif`,
      fontWeight: 700,
      // Only digits are ever drawn, so the font atlas stays tiny.
      characterSet: '0123456789',
    }),
    new IconLayer<StreamGlyph, Interleaved>({
      id: 'stream-glyphs',
      beforeId: input.beforeId,
      data: input.glyphs,
      getPosition: (glyph) => glyph.position,
      getPixelOffset: (glyph) => glyph.offsetPx,
      getIcon: (glyph) => (glyph.direction === 'output' ? dotIcon : ringIcon),
      getColor: (glyph) => glyph.colour,
      getSize: 9,
      sizeUnits: 'pixels',
    }),
    new ScatterplotLayer<CompanyMarker | ClusterMarker, Interleaved>({
      id: 'selection-rings',
      beforeId: input.beforeId,
      data: ringed,
      getPosition: (marker) => marker.position,
      getRadius: (marker) => marker.radiusPx + 12,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: selection,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
  );
  return layers;
}

/** What a pick refers to, for tooltips and clicks. */
export function pickedObject(info: PickingInfo): AtlasPickable | null {
  const object: unknown = info.object;
  if (!object || typeof object !== 'object') return null;
  return pickableLayerIds.has(info.layer?.id ?? '') ? (object as AtlasPickable) : null;
}

const pickableLayerIds = new Set([
  'company-markers',
  'cluster-markers',
  'flows',
  'candidate-flows',
  'flow-arrows',
]);

export function isFlowArc(object: AtlasPickable): object is FlowArc {
  return 'path' in object;
}

export function isClusterMarker(object: AtlasPickable): object is ClusterMarker {
  return 'memberCount' in object;
}

export type { Rgba };
