import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ascenderPx,
  encodeDistance,
  type FontScale,
  flatten,
  type PathCommand,
  renderGlyphSdf,
  SDF_BUFFER,
  type SdfGlyph,
} from './sdf.ts';

/** Axis-aligned rectangle contour; `clockwise` in y-up font space. */
function rect(x0: number, y0: number, x1: number, y1: number, clockwise = true): PathCommand[] {
  const corners = clockwise
    ? [
        [x0, y0],
        [x0, y1],
        [x1, y1],
        [x1, y0],
      ]
    : [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
  return [
    ...corners.map(
      ([x, y], i): PathCommand => ({ type: i === 0 ? 'M' : 'L', x: x as number, y: y as number }),
    ),
    { type: 'Z' },
  ];
}

function polygon(points: number[][]): PathCommand[] {
  return [
    ...points.map(
      ([x, y], i): PathCommand => ({ type: i === 0 ? 'M' : 'L', x: x as number, y: y as number }),
    ),
    { type: 'Z' },
  ];
}

/** 1 font unit = 1 px, ascender 0: bitmap coordinates are easy to reason about. */
const UNIT: FontScale = { scale: 1, ascender: 0 };

function at(glyph: SdfGlyph, col: number, row: number): number {
  return glyph.bitmap[row * (glyph.width + 2 * SDF_BUFFER) + col] as number;
}

function sdf(commands: PathCommand[], font = UNIT, advanceWidth = 0): SdfGlyph {
  return renderGlyphSdf({ id: 1, commands, advanceWidth }, font);
}

describe('encodeDistance', () => {
  it('puts the edge at 191 (0.75 of the byte range) like tiny-sdf and fontnik', () => {
    expect(encodeDistance(0)).toBe(191);
    expect(encodeDistance(1)).toBe(159);
    expect(encodeDistance(-1)).toBe(223);
    expect(encodeDistance(-2.5)).toBe(255);
    expect(encodeDistance(6.1)).toBe(0);
  });
});

describe('renderGlyphSdf on a square', () => {
  // Edges on half-pixels: pixel centres (integer + 0.5 in bitmap space) land exactly on them.
  const square = sdf(rect(0.5, 0.5, 10.5, 10.5));
  const stride = square.width + 2 * SDF_BUFFER;

  it('has fontnik bbox metrics and a buffered bitmap', () => {
    expect(square).toMatchObject({ width: 10, height: 10, left: 1, top: 11 });
    expect(square.bitmap.length).toBe(16 * 16);
  });

  it('is ~191 on the edge, 255 deep inside and falls off outside', () => {
    // Bitmap x = font x + 2, bitmap y = 14 - font y: the left edge is column 2, the top edge row 3.
    expect(at(square, 2, 8)).toBe(191);
    expect(at(square, 7, 3)).toBe(191);
    expect(at(square, 3, 8)).toBe(223);
    expect(at(square, 1, 8)).toBe(159);
    expect(at(square, 7, 8)).toBe(255);
    expect(at(square, 0, 0)).toBeLessThan(at(square, 1, 1));
  });

  it('is symmetric about the square centre', () => {
    // Centre is at bitmap (7.5, 8.5): column c mirrors to 14 - c, row r to 16 - r.
    for (let row = 1; row < 16; row++) {
      for (let col = 0; col < 15; col++) {
        expect(at(square, col, row)).toBe(at(square, 14 - col, row));
        expect(at(square, col, row)).toBe(at(square, col, 16 - row));
      }
    }
    expect(square.bitmap.length).toBe(stride * stride);
  });

  it('reaches 0 far outside (between two distant squares)', () => {
    const pair = sdf([...rect(0, 0, 4, 4), ...rect(20, 0, 24, 4)]);
    // Bitmap x = font x + 3; font x = 12 is 8 px from both squares.
    expect(at(pair, 15, 4)).toBe(0);
  });
});

describe('winding', () => {
  const hole = (innerClockwise: boolean) =>
    sdf([...rect(0, 0, 20, 20, true), ...rect(6, 6, 14, 14, innerClockwise)]);

  it('punches a hole for an opposite-wound inner contour, like the counter of an o', () => {
    const o = hole(false);
    // Bitmap centre (13, 13) is font (10, 10): 4 px from the counter's edges.
    expect(at(o, 13, 13)).toBe(encodeDistance(3.5));
    expect(at(o, 13, 13)).toBeLessThan(191);
  });

  it('fills a same-wound inner contour (non-zero, not even-odd)', () => {
    expect(at(hole(true), 13, 13)).toBe(255);
  });

  it('treats overlapping contours as their union, without seams inside', () => {
    const overlapping = sdf([...rect(0, 0, 12, 12), ...rect(6, 6, 18, 18)]);
    const union = sdf(
      polygon([
        [0, 0],
        [0, 12],
        [6, 12],
        [6, 18],
        [18, 18],
        [18, 6],
        [12, 6],
        [12, 0],
      ]),
    );
    expect(overlapping.bitmap).toEqual(union.bitmap);
  });

  it('drops edges shared by abutting contours (a cedilla touching its letter)', () => {
    const abutting = sdf([...rect(0, 0, 10, 3), ...rect(4, -3, 6, 0)]);
    const union = sdf(
      polygon([
        [0, 0],
        [0, 3],
        [10, 3],
        [10, 0],
        [6, 0],
        [6, -3],
        [4, -3],
        [4, 0],
      ]),
    );
    expect(abutting.bitmap).toEqual(union.bitmap);
    // Just above the joint, font (5.5, 0.5) is 0.7 px from the nearest real edge (the corner at
    // (6, 0)); a seam left along y = 0 would put it 0.5 px from an edge.
    expect(at(abutting, 8, 5)).toBeGreaterThan(encodeDistance(-0.5));
  });

  it('ignores contour direction as a whole', () => {
    const cw = sdf(rect(0.5, 0.5, 10.5, 10.5, true));
    const ccw = sdf(rect(0.5, 0.5, 10.5, 10.5, false));
    expect(ccw.bitmap).toEqual(cw.bitmap);
  });
});

describe('curves', () => {
  it('flattens quadratics and cubics onto the curve', () => {
    const points = flatten(
      [
        { type: 'M', x: 0, y: 0 },
        { type: 'Q', x1: 10, y1: 20, x: 20, y: 0 },
        { type: 'C', x1: 20, y1: -10, x2: 0, y2: -10, x: 0, y: 0 },
      ],
      1,
    );
    expect(points.length).toBeGreaterThan(20);
    // The quadratic's apex (t = 0.5) is at y = 10: the polyline must come within tolerance of it.
    const ys = points.filter((_, i) => i % 2 === 1 && !Number.isNaN(points[i]));
    expect(Math.max(...ys)).toBeCloseTo(10, 1);
    expect(Math.min(...ys)).toBeCloseTo(-7.5, 1);
  });
});

describe('Noto Sans metrics', () => {
  const require = createRequire(import.meta.url);
  const opentype = require('opentype.js') as {
    parse(buffer: ArrayBuffer): {
      unitsPerEm: number;
      tables: { hhea: { ascender: number } };
      charToGlyph(char: string): { advanceWidth?: number; path: { commands: PathCommand[] } };
    };
  };
  const file = require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff');
  const bytes = readFileSync(file);
  const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const scale: FontScale = { scale: 24 / font.unitsPerEm, ascender: font.tables.hhea.ascender };
  const ascender = ascenderPx(scale);
  const glyph = (char: string) => {
    const g = font.charToGlyph(char);
    return renderGlyphSdf(
      { id: char.codePointAt(0) as number, commands: g.path.commands, advanceWidth: g.advanceWidth ?? 0 },
      scale,
    );
  };
  /** Baseline-relative bottom of the ink box: fontnik's top is measured down from the ascender. */
  const bottom = (g: SdfGlyph) => g.top + ascender - g.height;

  it('measures top from FreeType’s grid-fitted 24 px ascender (ceil(1069 · 24 / 1000) = 26)', () => {
    expect(ascender).toBe(26);
    const H = glyph('H');
    // Cap height 714 units = 17.1 px: top = 17 - 26.
    expect(H).toMatchObject({ top: -9, height: 17, left: 2, width: 13, advance: 18 });
  });

  it('puts H, x and g on one baseline, with g descending below it', () => {
    const [H, x, g] = [glyph('H'), glyph('x'), glyph('g')];
    expect(bottom(H)).toBe(0);
    expect(bottom(x)).toBe(0);
    expect(bottom(g)).toBe(-6);
    expect(x.top).toBeLessThan(H.top);
    expect(g.top).toBe(x.top);
    expect(g.height).toBe(x.height + 6);
  });

  it('keeps the counter of o open and blank glyphs empty', () => {
    const o = glyph('o');
    const stride = o.width + 2 * SDF_BUFFER;
    const centre = Math.floor((o.height + 2 * SDF_BUFFER) / 2) * stride + Math.floor(stride / 2);
    expect(o.bitmap[centre]).toBeLessThan(191);
    const space = glyph(' ');
    expect(space).toMatchObject({ width: 0, height: 0, advance: 6 });
    expect(space.bitmap.length).toBe(0);
  });

  it('matches a brute-force exact distance field', () => {
    for (const char of ['g', '&', 'Å', '@', 'ø']) {
      const g = font.charToGlyph(char);
      const fast = glyph(char);
      expect(fast.bitmap).toEqual(bruteForce(g.path.commands, scale.scale, fast));
    }
  });
});

/** Reference: every pixel against every segment, winding by summing crossings, no culling. */
function bruteForce(commands: PathCommand[], scale: number, metrics: SdfGlyph): Uint8Array {
  const points = flatten(commands, scale);
  const w = metrics.width + 2 * SDF_BUFFER;
  const h = metrics.height + 2 * SDF_BUFFER;
  const out = new Uint8Array(w * h);
  const glyphTop = metrics.top + ascenderPx({ scale, ascender: 1069 });
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      // Pixel centre back in px font space (y up).
      const x = metrics.left - SDF_BUFFER + col + 0.5;
      const y = glyphTop + SDF_BUFFER - row - 0.5;
      let best = Infinity;
      let winding = 0;
      for (let i = 2; i < points.length; i += 2) {
        const [x0, y0, x1, y1] = [points[i - 2], points[i - 1], points[i], points[i + 1]] as number[];
        if ([x0, x1].some(Number.isNaN)) continue;
        best = Math.min(best, pointSegment(x, y, x0 as number, y0 as number, x1 as number, y1 as number));
        if ((y0 as number) <= y !== (y1 as number) <= y) {
          const cx =
            (x0 as number) +
            ((y - (y0 as number)) / ((y1 as number) - (y0 as number))) * ((x1 as number) - (x0 as number));
          if (cx < x) winding += (y1 as number) > (y0 as number) ? 1 : -1;
        }
      }
      out[row * w + col] = encodeDistance(winding !== 0 ? -best : best);
    }
  }
  return out;
}

function pointSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
  return Math.hypot(x0 + t * dx - px, y0 + t * dy - py);
}
