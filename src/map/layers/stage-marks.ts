import type { PipelineStage } from '../../domain/workbench/pipeline.ts';
import type { FlowArc } from './flow-arcs.ts';

/**
 * The secretariat's pipeline stage of a flow, drawn as a small ring at the middle of its arc: a disc filled
 * clockwise as the work progresses (idea empty with a dot, screening a quarter, feasibility half,
 * agreement three quarters, operating full), a bar for ended and a cross for declined. Shape, not colour:
 * it reads in greyscale and never competes with the status styles (colour, dashes, casing). Only staff
 * have stages, so only their map has the marks. The map's image and the legend's sample both draw this.
 */
export interface StageGlyph {
  /** How much of the disc is filled, clockwise from the top: 0 to 1. */
  filled: number;
  /** A mark on the disc instead of (or besides) the fill. */
  mark: 'dot' | 'bar' | 'cross' | null;
}

export const stageGlyphs: Record<PipelineStage, StageGlyph> = {
  idea: { filled: 0, mark: 'dot' },
  screening: { filled: 0.25, mark: null },
  feasibility: { filled: 0.5, mark: null },
  agreement: { filled: 0.75, mark: null },
  operating: { filled: 1, mark: null },
  ended: { filled: 0, mark: 'bar' },
  declined: { filled: 0, mark: 'cross' },
};

/** The disc's ink and paper: dark on white, legible over any resource colour and the basemap. */
export const STAGE_INK = '#1B2A33';
export const STAGE_PAPER = '#FFFFFF';
/** Stage images are drawn 24 px wide (map/icon-images.ts) and shown this big. */
export const STAGE_ICON_PX = 24;
export const STAGE_MARK_PX = 18;

/** Where on its arc a stage mark sits: the middle vertex of the drawn curve. */
export function stageMarkPosition(arc: Pick<FlowArc, 'path'>): [number, number] | null {
  const middle = arc.path[Math.floor(arc.path.length / 2)];
  return middle ? [middle[0], middle[1]] : null;
}

/**
 * The SVG path of a pie slice of the disc of radius `r` about (cx, cy), `filled` of a turn clockwise from
 * the top; the whole disc when full, nothing when empty.
 */
export function stageFillPath(cx: number, cy: number, r: number, filled: number): string | null {
  if (filled <= 0) return null;
  if (filled >= 1) return `M ${cx - r} ${cy} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
  const angle = filled * 2 * Math.PI;
  const x = cx + r * Math.sin(angle);
  const y = cy - r * Math.cos(angle);
  const round = (value: number) => Math.round(value * 100) / 100;
  return `M ${cx} ${cy} L ${cx} ${cy - r} A ${r} ${r} 0 ${filled > 0.5 ? 1 : 0} 1 ${round(x)} ${round(y)} Z`;
}
