import type { Layer, PickingInfo } from '@deck.gl/core';
import { PathStyleExtension } from '@deck.gl/extensions';
import { IconLayer, PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Polygon } from 'geojson';
import { hexToRgba, markerPalette, type Rgba } from '../colour.ts';
import type { CompanyMarker, StreamGlyph } from './company-markers.ts';
import type { FlowArc } from './flow-arcs.ts';

export interface AtlasLayerInput {
  arcs: readonly FlowArc[];
  markers: readonly CompanyMarker[];
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

export type AtlasPickable = FlowArc | CompanyMarker;

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

/**
 * Every thematic layer, from data already filtered and styled by pure functions. Order is drawing order:
 * search area, casings, flows, markers, glyphs, selection rings. Pickable layers report FlowArc or
 * CompanyMarker objects.
 */
export function buildAtlasLayers(input: AtlasLayerInput): Layer[] {
  const { arcs, highlightedArcId } = input;
  const cased = arcs.filter((arc) => arc.cased || arc.id === highlightedArcId);
  const solid = arcs.filter((arc) => !arc.dashed);
  const dashed = arcs.filter((arc) => arc.dashed);
  const ringed = input.markers.filter((marker) => input.ringedCompanyIds.includes(marker.id));

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
    new ScatterplotLayer<CompanyMarker, Interleaved>({
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
  return info.layer?.id === 'company-markers' ||
    info.layer?.id === 'flows' ||
    info.layer?.id === 'candidate-flows'
    ? (object as AtlasPickable)
    : null;
}

export function isFlowArc(object: AtlasPickable): object is FlowArc {
  return 'path' in object;
}

export type { Rgba };
