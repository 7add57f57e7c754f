import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { PipelineStage } from '../../domain/workbench/pipeline.ts';
import { hexToRgba, markerPalette, type Rgba } from '../colour.ts';
import type { ClusterMarker } from './cluster-markers.ts';
import type { CompanyMarker, StreamGlyph } from './company-markers.ts';
import type { FlowArc } from './flow-arcs.ts';
import { iconId } from './icon-ids.ts';
import { STAGE_ICON_PX, STAGE_MARK_PX, stageMarkPosition } from './stage-marks.ts';

/** What the thematic layers draw, already filtered and styled by the pure builders beside this module. */
export interface AtlasLayerInput {
  arcs: readonly FlowArc[];
  markers: readonly CompanyMarker[];
  /** Companies close together at this zoom, drawn as one ring with their count. */
  clusters: readonly ClusterMarker[];
  glyphs: readonly StreamGlyph[];
  /** The partner finder's search area. */
  finderArea: Feature<Polygon> | null;
  /** Arc drawn highlighted (hovered, or chosen in a list). */
  highlightedArcId: string | null;
  /** Companies drawn with a selection ring: the selected one and the ends of a highlighted arc. */
  ringedCompanyIds: readonly string[];
  /** The secretariat's pipeline stage of each arc that has one (staff only; absent or empty otherwise). */
  arcStages?: ReadonlyMap<string, PipelineStage>;
}

/**
 * A flow is drawn as this many pieces, each one step more opaque than the last: MapLibre's `line-gradient`
 * cannot vary from feature to feature, and six steps read as a gradient from giver (faint) to receiver.
 */
export const FLOW_PIECES = 6;
/** Candidates are dashed, so they are kept wide enough for the dashes to read. */
export const MIN_CANDIDATE_WIDTH_PX = 2.5;

export type FlowPieceProps = { arcId: string; colour: string; widthPx: number; dashed: boolean };
export type FlowCasingProps = { arcId: string; colour: string; widthPx: number; order: number };
export type ArrowProps = {
  arcId: string;
  icon: string;
  /** MapLibre turns icons clockwise; arcs keep their angle counter-clockwise from east. */
  rotateDeg: number;
  scale: number;
  /** In icon units, along the arrow (MapLibre turns an icon's offset with it). */
  offset: [number, number];
};
export type MarkerProps = {
  id: string;
  radiusPx: number;
  fill: string;
  outline: string;
  strokePx: number;
  /** Small markers above big ones, so every marker stays clickable. */
  order: number;
};
export type ClusterProps = { id: string; icon: string; scale: number; order: number };
export type GlyphProps = { id: string; icon: string; scale: number; offset: [number, number] };
export type StageMarkProps = { arcId: string; stage: PipelineStage; icon: string; scale: number };
export type RingProps = { id: string; radiusPx: number; fill: string; outline: string; strokePx: number };

/** Arrow and stub images are drawn 24 px high, glyph images 24 px, cluster rings 64 px (see map/icon-images.ts). */
const ARROW_PX = 24;
const GLYPH_ICON_PX = 24;
const GLYPH_PX = 9;
const CLUSTER_ICON_PX = 64;
const STUB_PX = 14;

export function cssColour([r, g, b, a]: Rgba): string {
  return `rgba(${r},${g},${b},${Math.round((a / 255) * 1000) / 1000})`;
}

function hexOf([r, g, b]: Rgba): string {
  return [r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('');
}

function collection<G extends Point | LineString | Polygon, P>(
  features: Feature<G, P>[],
): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

/** Each drawn arc in `FLOW_PIECES` pieces, each in the colour its vertices have at the piece's far end. */
export function flowPieceFeatures(arcs: readonly FlowArc[]): FeatureCollection<LineString, FlowPieceProps> {
  const features: Feature<LineString, FlowPieceProps>[] = [];
  for (const arc of arcs) {
    if (arc.stub || arc.path.length < 2) continue;
    const last = arc.path.length - 1;
    const pieces = Math.min(FLOW_PIECES, last);
    const widthPx = arc.dashed ? Math.max(arc.widthPx, MIN_CANDIDATE_WIDTH_PX) : arc.widthPx;
    for (let piece = 0; piece < pieces; piece++) {
      const start = Math.round((piece * last) / pieces);
      const end = Math.round(((piece + 1) * last) / pieces);
      const colour = arc.colors[end] ?? arc.colors.at(-1) ?? hexToRgba(markerPalette.casing);
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: arc.path.slice(start, end + 1) },
        properties: { arcId: arc.id, colour: cssColour(colour), widthPx, dashed: arc.dashed },
      });
    }
  }
  return collection(features);
}

/** Casings: dark under proposals, wide and in the selection colour under the highlighted arc. */
export function flowCasingFeatures(
  arcs: readonly FlowArc[],
  highlightedArcId: string | null,
): FeatureCollection<LineString, FlowCasingProps> {
  const features: Feature<LineString, FlowCasingProps>[] = [];
  for (const arc of arcs) {
    const highlighted = arc.id === highlightedArcId;
    if (arc.stub || !(arc.cased || highlighted)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [...arc.path] },
      properties: {
        arcId: arc.id,
        colour: highlighted ? markerPalette.selection : cssColour(hexToRgba(markerPalette.casing, 200)),
        widthPx: arc.widthPx + (highlighted ? 6 : 3),
        order: highlighted ? 1 : 0,
      },
    });
  }
  return collection(features);
}

/** An arrowhead at every arc's receiving end (a stub is all arrow), in its flow's full colour. */
export function arrowFeatures(
  arcs: readonly FlowArc[],
  highlightedArcId: string | null,
): FeatureCollection<Point, ArrowProps> {
  const selection = hexToRgba(markerPalette.selection);
  return collection(
    arcs.map((arc) => {
      const highlighted = arc.id === highlightedArcId;
      const sizePx = (arc.stub ? STUB_PX : arc.arrow.sizePx) + (highlighted ? 4 : 0);
      const colour = highlighted ? selection : (arc.colors.at(-1) ?? hexToRgba(markerPalette.casing));
      const scale = sizePx / ARROW_PX;
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [...(arc.path.at(-1) ?? [0, 0])] },
        properties: {
          arcId: arc.id,
          icon: iconId(arc.stub ? 'stub' : 'arrow', hexOf(colour)),
          rotateDeg: -arc.arrow.angleDeg,
          scale,
          offset: [-arc.arrow.backoffPx / scale, 0] as [number, number],
        },
      };
    }),
  );
}

export function markerFeatures(markers: readonly CompanyMarker[]): FeatureCollection<Point, MarkerProps> {
  return collection(
    markers.map((marker) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [...marker.position] },
      properties: {
        id: marker.id,
        radiusPx: marker.radiusPx,
        fill: cssColour(marker.fill),
        outline: cssColour(marker.outline),
        strokePx: 1.5,
        order: -marker.radiusPx,
      },
    })),
  );
}

export function clusterFeatures(clusters: readonly ClusterMarker[]): FeatureCollection<Point, ClusterProps> {
  return collection(
    clusters.map((cluster) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [...cluster.position] },
      properties: {
        id: cluster.id,
        icon: cluster.iconId,
        scale: (cluster.radiusPx * 2) / CLUSTER_ICON_PX,
        order: -cluster.memberCount,
      },
    })),
  );
}

/** Stream glyphs: filled dots for outputs, rings for inputs, fanned round their company's marker. */
export function glyphFeatures(glyphs: readonly StreamGlyph[]): FeatureCollection<Point, GlyphProps> {
  const scale = GLYPH_PX / GLYPH_ICON_PX;
  return collection(
    glyphs.map((glyph) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [...glyph.position] },
      properties: {
        id: glyph.id,
        icon: iconId(glyph.direction === 'output' ? 'dot' : 'ring', hexOf(glyph.colour)),
        scale,
        offset: [glyph.offsetPx[0] / scale, glyph.offsetPx[1] / scale] as [number, number],
      },
    })),
  );
}

/** A selection ring round each ringed company; a ringed company inside a cluster rings its cluster. */
export function ringFeatures(
  markers: readonly CompanyMarker[],
  clusters: readonly ClusterMarker[],
  ringedCompanyIds: readonly string[],
): FeatureCollection<Point, RingProps> {
  const ringed = new Set(ringedCompanyIds);
  const rings = [
    ...markers.filter((marker) => ringed.has(marker.id)),
    ...clusters.filter((cluster) => cluster.memberIds.some((id) => ringed.has(id))),
  ];
  return collection(
    rings.map((ring) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [...ring.position] },
      properties: {
        id: ring.id,
        radiusPx: ring.radiusPx + 12,
        fill: 'rgba(0,0,0,0)',
        outline: markerPalette.selection,
        strokePx: 3,
      },
    })),
  );
}

export function finderFeatures(area: Feature<Polygon> | null): FeatureCollection<Polygon> {
  return collection(area ? [area] : []);
}

/** A stage mark at the middle of every drawn arc that has a pipeline stage (stage-marks.ts); none on stubs. */
export function stageMarkFeatures(
  arcs: readonly FlowArc[],
  arcStages: ReadonlyMap<string, PipelineStage> | undefined,
): FeatureCollection<Point, StageMarkProps> {
  const features: Feature<Point, StageMarkProps>[] = [];
  if (!arcStages || arcStages.size === 0) return collection(features);
  for (const arc of arcs) {
    const stage = arcStages.get(arc.id);
    const position = stage && !arc.stub ? stageMarkPosition(arc) : null;
    if (!stage || !position) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: position },
      properties: {
        arcId: arc.id,
        stage,
        icon: iconId('stage', stage),
        scale: STAGE_MARK_PX / STAGE_ICON_PX,
      },
    });
  }
  return collection(features);
}
