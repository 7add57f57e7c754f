/**
 * Signed distance field rasteriser for MapLibre glyph PBFs.
 *
 * Produces exactly what MapLibre expects from fontnik / sdf-glyph-foundry generated
 * `{fontstack}/{range}.pbf` files: glyphs rendered at MapLibre's ONE_EM (24 px) with a
 * 3 px buffer, and an 8 px distance radius with a 0.25 cutoff, so that the symbol shader's
 * edge (0.75 = 191/255) and halo maths (8 px per unit) line up.
 *
 * The distance field is computed exactly from the outline (flattened curves, non-zero winding)
 * instead of from an anti-aliased bitmap, because there is no canvas at build time and an exact
 * field gives crisper edges than tiny-sdf's coverage approximation anyway.
 */

/** opentype.js path commands (font units, y up). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

export interface GlyphOutline {
  /** Unicode codepoint. */
  id: number;
  commands: readonly PathCommand[];
  /** Horizontal advance in font units. */
  advanceWidth: number;
}

export interface FontScale {
  /** Pixels per font unit (SDF_FONT_SIZE / unitsPerEm for MapLibre's 24 px em). */
  scale: number;
  /** The font's hhea ascender in font units; fontnik measures `top` from it. */
  ascender: number;
}

/** One glyph as stored in a glyph PBF. */
export interface SdfGlyph {
  id: number;
  /** (width + 2 * buffer) × (height + 2 * buffer) bytes, rows top to bottom; empty for blank glyphs. */
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

export const SDF_FONT_SIZE = 24;
export const SDF_BUFFER = 3;
export const SDF_RADIUS = 8;
export const SDF_CUTOFF = 0.25;

/** Max distance between a flattened chord and its curve, in px: ~0.6 of one SDF byte step. */
const FLATTEN_TOLERANCE = 0.02;

/** Per-segment data, stride SEG: x0, y0, dx, dy, 1/len², minX, minY, maxX, maxY. */
const SEG = 9;

export function fontScale(unitsPerEm: number): number {
  return SDF_FONT_SIZE / unitsPerEm;
}

/**
 * FreeType's size ascender in whole pixels, which fontnik subtracts from every glyph's top.
 * FreeType grid-fits scaled metrics by rounding the ascender up (GRID_FIT_METRICS).
 */
export function ascenderPx(font: FontScale): number {
  return Math.ceil(font.ascender * font.scale - 1e-9);
}

/** C's std::round (half away from zero), which fontnik uses for the glyph bbox. */
function roundHalfAway(value: number): number {
  const rounded = Math.round(Math.abs(value));
  // `|| 0` turns -0 into 0 so metrics compare and serialise plainly.
  return value < 0 ? -rounded || 0 : rounded;
}

/** Maps a signed distance (px, negative inside) to the byte MapLibre's SDF shader expects. */
export function encodeDistance(signedDistance: number): number {
  const value = Math.round(255 - 255 * (signedDistance / SDF_RADIUS + SDF_CUTOFF));
  return Math.max(0, Math.min(255, value));
}

/** Renders one glyph's SDF bitmap and fontnik-compatible metrics. */
export function renderGlyphSdf(outline: GlyphOutline, font: FontScale): SdfGlyph {
  const ascender = ascenderPx(font);
  const advance = Math.round(outline.advanceWidth * font.scale);
  const points = flatten(outline.commands, font.scale);
  const box = bounds(points);
  const left = roundHalfAway(box.minX);
  const bottom = roundHalfAway(box.minY);
  const glyphTop = roundHalfAway(box.maxY);
  const width = roundHalfAway(box.maxX) - left;
  const height = glyphTop - bottom;
  const segments = toBitmapSegments(points, left - SDF_BUFFER, glyphTop + SDF_BUFFER);
  if (!(width > 0 && height > 0) || segments.length === 0) {
    // fontnik leaves left/top at 0 before subtracting the ascender for blank glyphs.
    return {
      id: outline.id,
      bitmap: new Uint8Array(0),
      width: 0,
      height: 0,
      left: 0,
      top: -ascender,
      advance,
    };
  }
  const bitmapWidth = width + 2 * SDF_BUFFER;
  const bitmapHeight = height + 2 * SDF_BUFFER;
  const bitmap = rasterise(segments, bitmapWidth, bitmapHeight);
  return { id: outline.id, bitmap, width, height, left, top: glyphTop - ascender, advance };
}

/**
 * Flattens an outline into closed polylines in px (y up). Each contour is a run of points
 * whose last point equals its first; NaN separates contours.
 */
export function flatten(commands: readonly PathCommand[], scale: number): number[] {
  const out: number[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  let open = false;
  const close = (): void => {
    if (!open) return;
    if (x !== startX || y !== startY) out.push(startX, startY);
    out.push(Number.NaN, Number.NaN);
    x = startX;
    y = startY;
    open = false;
  };
  for (const cmd of commands) {
    if (cmd.type === 'Z') {
      close();
      continue;
    }
    const toX = cmd.x * scale;
    const toY = cmd.y * scale;
    if (cmd.type === 'M') {
      close();
      startX = toX;
      startY = toY;
      out.push(toX, toY);
      open = true;
    } else {
      if (!open) {
        // A drawing command without a moveto starts from the current point, as in SVG.
        startX = x;
        startY = y;
        out.push(x, y);
        open = true;
      }
      if (cmd.type === 'Q') {
        pushQuadratic(out, x, y, cmd.x1 * scale, cmd.y1 * scale, toX, toY);
      } else if (cmd.type === 'C') {
        pushCubic(out, [x, y, cmd.x1 * scale, cmd.y1 * scale, cmd.x2 * scale, cmd.y2 * scale, toX, toY]);
      } else {
        out.push(toX, toY);
      }
    }
    x = toX;
    y = toY;
  }
  close();
  return out;
}

/** Subdivides so that the chord error |p0 - 2p1 + p2| / (4n²) stays under the tolerance. */
function pushQuadratic(
  out: number[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
) {
  const dd = Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2);
  const n = Math.max(1, Math.ceil(Math.sqrt(dd / (4 * FLATTEN_TOLERANCE))));
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push(u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2);
  }
}

/** Subdivides so that the chord error 3/4 · max|second difference| / n² stays under the tolerance. */
function pushCubic(
  out: number[],
  p: readonly [number, number, number, number, number, number, number, number],
) {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = p;
  const dd = Math.max(
    Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2),
    Math.hypot(x1 - 2 * x2 + x3, y1 - 2 * y2 + y3),
  );
  const n = Math.max(1, Math.ceil(Math.sqrt((0.75 * dd) / FLATTEN_TOLERANCE)));
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3);
  }
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Ink bounds of an outline in font units (flattened, so curve extrema are exact enough). */
export function outlineBounds(commands: readonly PathCommand[]): Box {
  return bounds(flatten(commands, 1));
}

function bounds(points: readonly number[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i] as number;
    const y = points[i + 1] as number;
    if (Number.isNaN(x)) continue;
    if (x < box.minX) box.minX = x;
    if (x > box.maxX) box.maxX = x;
    if (y < box.minY) box.minY = y;
    if (y > box.maxY) box.maxY = y;
  }
  return box;
}

/**
 * Converts the polylines into segments in bitmap space (origin at the bitmap's top-left,
 * y down), so pixel (col, row) is sampled at its centre (col + 0.5, row + 0.5) like fontnik.
 */
function toBitmapSegments(points: readonly number[], originX: number, originY: number): Float64Array {
  const lines: number[] = [];
  const contours: number[] = [0];
  for (let i = 2; i < points.length; i += 2) {
    const px = points[i - 2] as number;
    const x = points[i] as number;
    if (Number.isNaN(x) && contours[contours.length - 1] !== lines.length) contours.push(lines.length);
    if (Number.isNaN(px) || Number.isNaN(x)) continue;
    const x0 = px - originX;
    const y0 = originY - (points[i - 1] as number);
    const x1 = x - originX;
    const y1 = originY - (points[i + 1] as number);
    if (x0 !== x1 || y0 !== y1) lines.push(x0, y0, x1, y1);
  }
  if (contours[contours.length - 1] !== lines.length) contours.push(lines.length);
  return packSegments(boundaryOnly(Float64Array.from(lines), contours));
}

/** Precomputes what the distance search needs per segment (see SEG). */
function packSegments(lines: readonly number[]): Float64Array {
  const segs = new Float64Array((lines.length / 4) * SEG);
  for (let i = 0, s = 0; i < lines.length; i += 4, s += SEG) {
    const x0 = lines[i] as number;
    const y0 = lines[i + 1] as number;
    const x1 = lines[i + 2] as number;
    const y1 = lines[i + 3] as number;
    const dx = x1 - x0;
    const dy = y1 - y0;
    segs[s] = x0;
    segs[s + 1] = y0;
    segs[s + 2] = dx;
    segs[s + 3] = dy;
    segs[s + 4] = 1 / (dx * dx + dy * dy);
    segs[s + 5] = Math.min(x0, x1);
    segs[s + 6] = Math.min(y0, y1);
    segs[s + 7] = Math.max(x0, x1);
    segs[s + 8] = Math.max(y0, y1);
  }
  return segs;
}

/** How far either side of an edge (px) the fill is probed to decide whether it is a boundary. */
const SIDE_PROBE = 1e-3;
/** Intersection parameters this close to a segment's ends are its shared vertices, not crossings. */
const END_EPSILON = 1e-9;

/**
 * Keeps only the parts of the outline that separate filled from unfilled area. Overlapping or
 * abutting contours (composite glyphs such as Ȩ, whose cedilla touches the E) would otherwise
 * leave edges inside the ink, which the shader draws as half-transparent seams. Segments are
 * split where they meet other segments, and each piece is kept if the non-zero fill differs
 * on its two sides.
 *
 * @param contours offsets into `lines` where each contour starts, plus lines.length at the end
 */
function boundaryOnly(lines: Float64Array, contours: readonly number[]): number[] {
  const cuts = crossingParams(lines);
  const out: number[] = [];
  for (let c = 1; c < contours.length; c++) {
    const start = contours[c - 1] as number;
    const end = contours[c] as number;
    if (!hasCuts(cuts, start, end)) {
      // Nothing crosses this contour, so the fill on either side of it is the same all along:
      // one probe decides the whole contour (the common case, and O(n) instead of O(n²)).
      const probe = longestLine(lines, start, end);
      if (isBoundary(lines, ...lineAt(lines, probe)))
        for (let i = start; i < end; i++) out.push(lines[i] as number);
      continue;
    }
    for (let i = start; i < end; i += 4) pushBoundaryPieces(lines, i, cuts.get(i), out);
  }
  return out;
}

function hasCuts(cuts: Map<number, number[]>, start: number, end: number): boolean {
  for (let i = start; i < end; i += 4) if (cuts.has(i)) return true;
  return false;
}

function longestLine(lines: Float64Array, start: number, end: number): number {
  let best = start;
  let bestLength = -1;
  for (let i = start; i < end; i += 4) {
    const length = Math.hypot(
      (lines[i + 2] as number) - (lines[i] as number),
      (lines[i + 3] as number) - (lines[i + 1] as number),
    );
    if (length > bestLength) {
      best = i;
      bestLength = length;
    }
  }
  return best;
}

function lineAt(lines: Float64Array, i: number): [number, number, number, number] {
  return [lines[i] as number, lines[i + 1] as number, lines[i + 2] as number, lines[i + 3] as number];
}

/** Splits segment i at its cuts and keeps the pieces that are boundary. */
function pushBoundaryPieces(lines: Float64Array, i: number, cuts: number[] | undefined, out: number[]): void {
  const [x0, y0, x1, y1] = lineAt(lines, i);
  const params = [0, ...(cuts ?? []), 1].sort((a, b) => a - b);
  for (let k = 1; k < params.length; k++) {
    const ta = params[k - 1] as number;
    const tb = params[k] as number;
    if (tb - ta < END_EPSILON) continue;
    const piece = [
      x0 + (x1 - x0) * ta,
      y0 + (y1 - y0) * ta,
      x0 + (x1 - x0) * tb,
      y0 + (y1 - y0) * tb,
    ] as const;
    if (isBoundary(lines, ...piece)) out.push(...piece);
  }
}

function isBoundary(lines: Float64Array, ax: number, ay: number, bx: number, by: number): boolean {
  const len = Math.hypot(bx - ax, by - ay);
  const nx = (-(by - ay) / len) * SIDE_PROBE;
  const ny = ((bx - ax) / len) * SIDE_PROBE;
  const mx = (ax + bx) / 2;
  const my = (ay + by) / 2;
  return (windingAt(lines, mx + nx, my + ny) !== 0) !== (windingAt(lines, mx - nx, my - ny) !== 0);
}

/** Non-zero winding number at a point: signed crossings of a ray towards -x. */
function windingAt(lines: Float64Array, px: number, py: number): number {
  let winding = 0;
  for (let i = 0; i < lines.length; i += 4) {
    const y0 = lines[i + 1] as number;
    const y1 = lines[i + 3] as number;
    if (y0 <= py === y1 <= py) continue;
    const x0 = lines[i] as number;
    const x = x0 + ((py - y0) / (y1 - y0)) * ((lines[i + 2] as number) - x0);
    if (x < px) winding += y1 > y0 ? 1 : -1;
  }
  return winding;
}

/**
 * Parameters (exclusive of 0 and 1) at which each segment, keyed by its offset, meets another.
 * A segment that is listed (even with no parameters) needs its pieces checked one by one.
 */
function crossingParams(lines: Float64Array): Map<number, number[]> {
  const cuts = new Map<number, number[]>();
  const add = (i: number, t: number): void => {
    if (!(t > END_EPSILON && t < 1 - END_EPSILON)) return;
    const list = cuts.get(i);
    if (list) list.push(t);
    else cuts.set(i, [t]);
  };
  // Sweep in x: only segments whose x-extents overlap can meet, which avoids testing all pairs.
  const order = sortedByMinX(lines);
  for (let a = 0; a < order.length; a++) {
    const i = order[a] as number;
    const maxX = Math.max(lines[i] as number, lines[i + 2] as number);
    for (let b = a + 1; b < order.length; b++) {
      const j = order[b] as number;
      if (Math.min(lines[j] as number, lines[j + 2] as number) > maxX) break;
      if (!boxesTouch(lines, i, j)) continue;
      if (intersect(lines, i, j)) {
        add(i, hit.t);
        add(j, hit.u);
      } else if (collinear(lines, i, j) && sharedLength(lines, i, j) > END_EPSILON) {
        // Coincident edges: cut each where the other ends, so a shared stretch is its own piece,
        // and mark both even without a cut (one may lie wholly on the other).
        add(i, project(lines, i, j));
        add(i, project(lines, i, j + 2));
        add(j, project(lines, j, i));
        add(j, project(lines, j, i + 2));
        if (!cuts.has(i)) cuts.set(i, []);
        if (!cuts.has(j)) cuts.set(j, []);
      }
    }
  }
  return cuts;
}

/** Segment offsets ordered by their smaller x. */
function sortedByMinX(lines: Float64Array): Int32Array {
  const order = new Int32Array(lines.length / 4).map((_, k) => k * 4);
  const minX = (i: number) => Math.min(lines[i] as number, lines[i + 2] as number);
  return order.sort((i, j) => minX(i) - minX(j));
}

function boxesTouch(l: Float64Array, i: number, j: number): boolean {
  const ax0 = l[i] as number;
  const ay0 = l[i + 1] as number;
  const ax1 = l[i + 2] as number;
  const ay1 = l[i + 3] as number;
  const bx0 = l[j] as number;
  const by0 = l[j + 1] as number;
  const bx1 = l[j + 2] as number;
  const by1 = l[j + 3] as number;
  return (
    Math.min(ax0, ax1) <= Math.max(bx0, bx1) &&
    Math.min(bx0, bx1) <= Math.max(ax0, ax1) &&
    Math.min(ay0, ay1) <= Math.max(by0, by1) &&
    Math.min(by0, by1) <= Math.max(ay0, ay1)
  );
}

/** Result of the last successful intersect(); reused to keep this O(n²) loop allocation-free. */
const hit = { t: 0, u: 0 };

/** Whether two non-parallel segments meet; the parameters go to `hit`. */
function intersect(l: Float64Array, i: number, j: number): boolean {
  const px = l[i] as number;
  const py = l[i + 1] as number;
  const rx = (l[i + 2] as number) - px;
  const ry = (l[i + 3] as number) - py;
  const qx = l[j] as number;
  const qy = l[j + 1] as number;
  const sx = (l[j + 2] as number) - qx;
  const sy = (l[j + 3] as number) - qy;
  const d = rx * sy - ry * sx;
  if (Math.abs(d) <= 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return false;
  const ex = qx - px;
  const ey = qy - py;
  hit.t = (ex * sy - ey * sx) / d;
  hit.u = (ex * ry - ey * rx) / d;
  const lo = -END_EPSILON;
  const hi = 1 + END_EPSILON;
  return hit.t >= lo && hit.t <= hi && hit.u >= lo && hit.u <= hi;
}

function collinear(l: Float64Array, i: number, j: number): boolean {
  const px = l[i] as number;
  const py = l[i + 1] as number;
  const rx = (l[i + 2] as number) - px;
  const ry = (l[i + 3] as number) - py;
  const len = Math.hypot(rx, ry);
  const offLine = (x: number, y: number) => Math.abs((x - px) * ry - (y - py) * rx) / len;
  return (
    offLine(l[j] as number, l[j + 1] as number) < 1e-9 &&
    offLine(l[j + 2] as number, l[j + 3] as number) < 1e-9
  );
}

/** Length (as a fraction of segment i) of the stretch two collinear segments share. */
function sharedLength(l: Float64Array, i: number, j: number): number {
  const t0 = project(l, i, j);
  const t1 = project(l, i, j + 2);
  return Math.min(Math.max(t0, t1), 1) - Math.max(Math.min(t0, t1), 0);
}

/** Parameter along segment i of the point stored at offset k. */
function project(l: Float64Array, i: number, k: number): number {
  const px = l[i] as number;
  const py = l[i + 1] as number;
  const rx = (l[i + 2] as number) - px;
  const ry = (l[i + 3] as number) - py;
  return (((l[k] as number) - px) * rx + ((l[k + 1] as number) - py) * ry) / (rx * rx + ry * ry);
}

/**
 * Distances beyond which the byte saturates (255 inside, 0 outside): searching further would
 * not change a single output byte, so these bound the nearest-segment search.
 */
const INSIDE_CAP = SDF_RADIUS * SDF_CUTOFF + SDF_RADIUS / 255;
const OUTSIDE_CAP = SDF_RADIUS * (1 - SDF_CUTOFF) + SDF_RADIUS / 255;

/** Bucket size (px) of the segment grid that keeps the nearest-segment search local. */
const CELL = 4;

interface SegmentGrid {
  cols: number;
  rows: number;
  /** CSR layout: segments of cell c are items[start[c]] … items[start[c + 1] - 1]. */
  start: Int32Array;
  items: Int32Array;
}

function rasterise(segs: Float64Array, width: number, height: number): Uint8Array {
  const inside = windingMask(segs, width, height);
  const grid = buildGrid(segs, width, height);
  const bitmap = new Uint8Array(width * height);
  let hint = 0;
  for (let row = 0; row < height; row++) {
    const py = row + 0.5;
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const isInside = inside[i] === 1;
      const cap = isInside ? INSIDE_CAP : OUTSIDE_CAP;
      // Neighbouring pixels usually share their nearest segment; starting from it keeps the
      // searched neighbourhood small.
      const start = Math.min(cap * cap, segmentDistance2(segs, hint, col + 0.5, py));
      const nearest = searchGrid(grid, segs, col + 0.5, py, start, hint);
      hint = nearest.segment;
      const distance = Math.sqrt(nearest.distance2);
      bitmap[i] = encodeDistance(isInside ? -distance : distance);
    }
  }
  return bitmap;
}

const found = { distance2: 0, segment: 0 };

/** Exact nearest segment within sqrt(best) of (px, py); reuses one result object to avoid garbage. */
function searchGrid(
  grid: SegmentGrid,
  segs: Float64Array,
  px: number,
  py: number,
  best: number,
  hint: number,
) {
  const reach = Math.sqrt(best);
  const c0 = Math.max(0, Math.floor((px - reach) / CELL));
  const c1 = Math.min(grid.cols - 1, Math.floor((px + reach) / CELL));
  const r0 = Math.max(0, Math.floor((py - reach) / CELL));
  const r1 = Math.min(grid.rows - 1, Math.floor((py + reach) / CELL));
  let segment = hint;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * grid.cols + c;
      const end = grid.start[cell + 1] as number;
      for (let k = grid.start[cell] as number; k < end; k++) {
        const s = grid.items[k] as number;
        const d2 = segmentDistance2(segs, s, px, py);
        if (d2 < best) {
          best = d2;
          segment = s;
        }
      }
    }
  }
  found.distance2 = best;
  found.segment = segment;
  return found;
}

function buildGrid(segs: Float64Array, width: number, height: number): SegmentGrid {
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const start = new Int32Array(cols * rows + 1);
  forEachCell(segs, cols, rows, (cell) => {
    start[cell + 1] = (start[cell + 1] as number) + 1;
  });
  for (let c = 1; c < start.length; c++) start[c] = (start[c] as number) + (start[c - 1] as number);
  const items = new Int32Array(start[start.length - 1] as number);
  const fill = start.slice(0, -1);
  forEachCell(segs, cols, rows, (cell, s) => {
    items[fill[cell] as number] = s;
    fill[cell] = (fill[cell] as number) + 1;
  });
  return { cols, rows, start, items };
}

function clampCell(v: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(v / CELL)));
}

/** Visits every grid cell a segment's bbox overlaps. */
function forEachCell(
  segs: Float64Array,
  cols: number,
  rows: number,
  visit: (cell: number, s: number) => void,
) {
  for (let s = 0; s < segs.length; s += SEG) {
    const c0 = clampCell(segs[s + 5] as number, cols);
    const c1 = clampCell(segs[s + 7] as number, cols);
    const r0 = clampCell(segs[s + 6] as number, rows);
    const r1 = clampCell(segs[s + 8] as number, rows);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * cols + c, s);
  }
}

function segmentDistance2(segs: Float64Array, s: number, px: number, py: number): number {
  const x0 = segs[s] as number;
  const y0 = segs[s + 1] as number;
  const dx = segs[s + 2] as number;
  const dy = segs[s + 3] as number;
  let t = ((px - x0) * dx + (py - y0) * dy) * (segs[s + 4] as number);
  t = Math.max(0, Math.min(1, t));
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Non-zero winding test for every pixel centre, one scanline at a time: TrueType outlines
 * (and static instances cut from variable fonts) may overlap, so even-odd would punch holes.
 */
function windingMask(segs: Float64Array, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const xs: number[] = [];
  const dirs: number[] = [];
  for (let row = 0; row < height; row++) {
    const py = row + 0.5;
    xs.length = 0;
    dirs.length = 0;
    for (let s = 0; s < segs.length; s += SEG) {
      const y0 = segs[s + 1] as number;
      const dy = segs[s + 3] as number;
      // Half-open in y so a vertex exactly on the scanline is counted once.
      if (y0 <= py === y0 + dy <= py) continue;
      const x = (segs[s] as number) + ((py - y0) / dy) * (segs[s + 2] as number);
      insertSorted(xs, dirs, x, dy > 0 ? 1 : -1);
    }
    let winding = 0;
    let k = 0;
    for (let col = 0; col < width; col++) {
      const px = col + 0.5;
      while (k < xs.length && (xs[k] as number) < px) winding += dirs[k++] as number;
      if (winding !== 0) mask[row * width + col] = 1;
    }
  }
  return mask;
}

function insertSorted(xs: number[], dirs: number[], x: number, dir: number): void {
  let i = xs.length;
  xs.push(x);
  dirs.push(dir);
  while (i > 0 && (xs[i - 1] as number) > x) {
    xs[i] = xs[i - 1] as number;
    dirs[i] = dirs[i - 1] as number;
    i--;
  }
  xs[i] = x;
  dirs[i] = dir;
}
