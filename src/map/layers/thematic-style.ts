import type {
  ExpressionSpecification,
  LayerSpecification,
  SymbolLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { hexToRgba, markerPalette } from '../colour.ts';
import { cssColour } from './thematic-features.ts';

/**
 * The thematic layers as MapLibre style layers, in drawing order. They are drawn by MapLibre itself, with
 * the basemap, rather than by deck.gl: its few simple programs compile in milliseconds where deck.gl's take
 * seconds on a software GPU, and GeoJSON sources are parsed and tiled in MapLibre's worker, off the main
 * thread. Only the moving particles are deck.gl (see map/particle-overlay.ts), loaded when they are asked for.
 */
export const thematicSourceIds = {
  finder: 'atlas-finder',
  casings: 'atlas-flow-casings',
  flows: 'atlas-flows',
  arrows: 'atlas-flow-arrows',
  stageMarks: 'atlas-stage-marks',
  markers: 'atlas-markers',
  clusters: 'atlas-clusters',
  glyphs: 'atlas-glyphs',
  rings: 'atlas-rings',
} as const;

export const thematicLayerIds = {
  finderFill: 'partner-finder-area',
  finderLine: 'partner-finder-outline',
  casings: 'flow-casings',
  flows: 'flows',
  candidateFlows: 'candidate-flows',
  arrows: 'flow-arrows',
  stageMarks: 'pipeline-stage-marks',
  markers: 'company-markers',
  clusters: 'cluster-markers',
  glyphs: 'stream-glyphs',
  rings: 'selection-rings',
} as const;

/** What a pointer can pick, and what it then refers to. */
export const pickableLayers: Readonly<Record<string, 'company' | 'cluster' | 'arc'>> = {
  [thematicLayerIds.markers]: 'company',
  [thematicLayerIds.clusters]: 'cluster',
  [thematicLayerIds.arrows]: 'arc',
  [thematicLayerIds.stageMarks]: 'arc',
  [thematicLayerIds.flows]: 'arc',
  [thematicLayerIds.candidateFlows]: 'arc',
};

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selection = markerPalette.selection;
// Each point's image and scale come from its feature. Images are never hidden by labels, nor hide them:
// their places are fixed by the data.
const featureImage = {
  'icon-image': ['get', 'icon'],
  'icon-size': ['get', 'scale'],
  'icon-allow-overlap': true,
  'icon-ignore-placement': true,
} satisfies SymbolLayerSpecification['layout'];

export function thematicLayers(): LayerSpecification[] {
  const s = thematicSourceIds;
  const id = thematicLayerIds;
  const finder = markerPalette.finder;
  return [
    {
      id: id.finderFill,
      type: 'fill',
      source: s.finder,
      paint: { 'fill-color': cssColour(hexToRgba(finder, 28)) },
    },
    {
      id: id.finderLine,
      type: 'line',
      source: s.finder,
      paint: { 'line-color': cssColour(hexToRgba(finder, 200)), 'line-width': 2 },
    },
    {
      id: id.casings,
      type: 'line',
      source: s.casings,
      layout: { 'line-cap': 'round', 'line-join': 'round', 'line-sort-key': ['get', 'order'] },
      paint: { 'line-color': ['get', 'colour'], 'line-width': ['get', 'widthPx'] },
    },
    {
      id: id.flows,
      type: 'line',
      source: s.flows,
      filter: ['!', ['get', 'dashed']],
      // Butt ends, so the pieces of one flow meet without overlapping (an overlap would show darker).
      layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: {
        'line-color': ['get', 'colour'],
        'line-width': ['case', hovered, ['+', ['get', 'widthPx'], 2], ['get', 'widthPx']],
      },
    },
    {
      id: id.candidateFlows,
      type: 'line',
      source: s.flows,
      filter: ['get', 'dashed'],
      layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: {
        'line-color': ['get', 'colour'],
        'line-width': ['case', hovered, ['+', ['get', 'widthPx'], 2], ['get', 'widthPx']],
        // In line widths: "not (yet) real" reads in greyscale, in print and for colour-blind viewers.
        'line-dasharray': [3, 2],
      },
    },
    {
      id: id.arrows,
      type: 'symbol',
      source: s.arrows,
      layout: {
        ...featureImage,
        'icon-rotate': ['get', 'rotateDeg'],
        'icon-offset': ['get', 'offset'],
        // The tip is the anchor, and heads lie flat on the map: they keep pointing along their flows when
        // the map turns or tilts.
        'icon-anchor': 'right',
        'icon-rotation-alignment': 'map',
        'icon-pitch-alignment': 'map',
      },
    },
    {
      // Staff only: the pipeline stage ring at the middle of an arc (stage-marks.ts), over the flows and
      // beneath the companies, so a marker is never hidden by it.
      id: id.stageMarks,
      type: 'symbol',
      source: s.stageMarks,
      layout: featureImage,
    },
    {
      id: id.markers,
      type: 'circle',
      source: s.markers,
      layout: { 'circle-sort-key': ['get', 'order'] },
      paint: {
        'circle-radius': ['get', 'radiusPx'],
        'circle-color': ['get', 'fill'],
        'circle-stroke-color': ['case', hovered, selection, ['get', 'outline']],
        'circle-stroke-width': ['case', hovered, 2.5, ['get', 'strokePx']],
      },
    },
    {
      id: id.clusters,
      type: 'symbol',
      source: s.clusters,
      layout: { ...featureImage, 'symbol-sort-key': ['get', 'order'] },
    },
    {
      id: id.glyphs,
      type: 'symbol',
      source: s.glyphs,
      layout: { ...featureImage, 'icon-offset': ['get', 'offset'] },
    },
    {
      id: id.rings,
      type: 'circle',
      source: s.rings,
      // Styled from the features like the markers, so both share one shader program (each program costs
      // the first frame that needs it a compile, hundreds of milliseconds on a software GPU).
      paint: {
        'circle-radius': ['get', 'radiusPx'],
        'circle-color': ['get', 'fill'],
        'circle-stroke-color': ['get', 'outline'],
        'circle-stroke-width': ['get', 'strokePx'],
      },
    },
  ];
}
