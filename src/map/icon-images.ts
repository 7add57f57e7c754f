import type { Map as MapLibreMap } from 'maplibre-gl';
import { ROLE_COLOUR, ROLE_ORDER } from './layers/cluster-markers.ts';
import { type IconKind, parseIconId } from './layers/icon-ids.ts';
import { STAGE_INK, STAGE_PAPER, stageFillPath, stageGlyphs } from './layers/stage-marks.ts';

/** Drawn at twice their size, so they stay crisp on high-density screens. */
const PIXEL_RATIO = 2;

const sizes: Record<IconKind, [number, number]> = {
  arrow: [24, 24],
  stub: [48, 24],
  dot: [24, 24],
  ring: [24, 24],
  cluster: [64, 64],
  stage: [24, 24],
};

type Draw = (context: CanvasRenderingContext2D, detail: string) => void;

const arrowHead = (context: CanvasRenderingContext2D, x: number) => {
  context.beginPath();
  context.moveTo(x + 2, 3);
  context.lineTo(x + 24, 12);
  context.lineTo(x + 2, 21);
  context.lineTo(x + 7, 12);
  context.closePath();
  context.fill();
};

// Arrowheads point east with their tip on the right edge, where the layer anchors them.
const painters: Record<IconKind, Draw> = {
  arrow: (context, hex) => {
    context.fillStyle = `#${hex}`;
    arrowHead(context, 0);
  },
  stub: (context, hex) => {
    context.fillStyle = `#${hex}`;
    context.fillRect(0, 10, 30, 4);
    arrowHead(context, 22);
  },
  dot: (context, hex) => {
    context.fillStyle = `#${hex}`;
    context.beginPath();
    context.arc(12, 12, 10, 0, 2 * Math.PI);
    context.fill();
  },
  ring: (context, hex) => {
    context.strokeStyle = `#${hex}`;
    context.lineWidth = 4;
    context.beginPath();
    context.arc(12, 12, 8, 0, 2 * Math.PI);
    context.stroke();
  },
  // A white disc the count is written on, ringed by one arc per role, clockwise from the top.
  cluster: (context, detail) => {
    const shares = detail.split('-').map(Number);
    context.fillStyle = '#FFFFFF';
    context.strokeStyle = '#1B2A33';
    context.lineWidth = 1.5;
    context.beginPath();
    context.arc(32, 32, 30, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
    const ringWidth = 9;
    context.lineWidth = ringWidth;
    let start = -Math.PI / 2;
    ROLE_ORDER.forEach((role, i) => {
      const sweep = ((shares[i] ?? 0) / 100) * 2 * Math.PI;
      if (sweep <= 0) return;
      context.strokeStyle = ROLE_COLOUR[role];
      context.beginPath();
      context.arc(32, 32, 32 - ringWidth / 2 - 1, start, start + sweep);
      context.stroke();
      start += sweep;
    });
  },
  // A pipeline stage: a white disc, filled clockwise as the work progresses, or marked (stage-marks.ts).
  stage: (context, stage) => {
    const glyph = Object.hasOwn(stageGlyphs, stage) ? stageGlyphs[stage as keyof typeof stageGlyphs] : null;
    if (!glyph) return;
    context.fillStyle = STAGE_PAPER;
    context.strokeStyle = STAGE_INK;
    context.lineWidth = 2;
    context.beginPath();
    context.arc(12, 12, 10, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
    context.fillStyle = STAGE_INK;
    const fill = stageFillPath(12, 12, 7, glyph.filled);
    if (fill) context.fill(new Path2D(fill));
    if (glyph.mark === 'dot') {
      context.beginPath();
      context.arc(12, 12, 2.5, 0, 2 * Math.PI);
      context.fill();
    } else if (glyph.mark === 'bar') {
      context.fillRect(6, 10.5, 12, 3);
    } else if (glyph.mark === 'cross') {
      context.lineWidth = 2.5;
      context.beginPath();
      context.moveTo(8, 8);
      context.lineTo(16, 16);
      context.moveTo(16, 8);
      context.lineTo(8, 16);
      context.stroke();
    }
  },
};

let canvas: HTMLCanvasElement | null = null;

function drawIcon(id: string): ImageData | null {
  const parsed = parseIconId(id);
  if (!parsed) return null;
  const [width, height] = sizes[parsed.kind];
  canvas ??= document.createElement('canvas');
  // Setting the size clears the canvas and its transform.
  canvas.width = width * PIXEL_RATIO;
  canvas.height = height * PIXEL_RATIO;
  // A canvas read back at once is best kept in memory: on the GPU each read waits for the GPU, which on a
  // software GPU costs tens of milliseconds an image.
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  painters[parsed.kind](context, parsed.detail);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/**
 * Draws a thematic image the first time a layer asks for it: MapLibre waits for its resolver before it
 * lays out the symbols that use the image.
 */
export function drawIconsOnDemand(map: MapLibreMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (map.hasImage(id)) return;
    const image = drawIcon(id);
    if (image) map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
  });
}
