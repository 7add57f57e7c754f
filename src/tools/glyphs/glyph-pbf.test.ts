import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PbfWriter } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGlyphs, FONTSTACKS } from './build-glyphs.ts';
import { decodeGlyphPbf, encodeGlyphPbf, type PbfGlyph, rangeLabel } from './glyph-pbf.ts';

/** The shape of MapLibre's own parser (maplibre-gl/src/style/parse_glyph_pbf.ts). */
type MapLibreParse = (data: Uint8Array) => Array<{
  id: number;
  bitmap: { width: number; height: number; data: Uint8Array };
  metrics: { width: number; height: number; left: number; top: number; advance: number };
}>;

/**
 * MapLibre ships its TypeScript sources; loading its parser checks our files against the code
 * that will actually read them. The path is computed so tsc does not type-check MapLibre's source.
 */
async function mapLibreParser(): Promise<MapLibreParse> {
  const source = '../../../node_modules/maplibre-gl/src/style/parse_glyph_pbf.ts';
  const module = (await import(/* @vite-ignore */ source)) as { parseGlyphPbf: MapLibreParse };
  return module.parseGlyphPbf;
}

function glyph(id: number, width: number, height: number, extra: Partial<PbfGlyph> = {}): PbfGlyph {
  const size = width > 0 && height > 0 ? (width + 6) * (height + 6) : 0;
  const bitmap = Uint8Array.from({ length: size }, (_, i) => (i * 37 + id) % 256);
  return { id, bitmap, width, height, left: 1, top: -9, advance: width + 2, ...extra };
}

describe('glyph PBF encoding', () => {
  const glyphs = [
    glyph(0x41, 14, 17),
    glyph(0x20, 0, 0, { top: -26, left: 0, advance: 6 }),
    glyph(0x6a, 5, 22),
  ];
  const bytes = encodeGlyphPbf({ name: 'Noto Sans Regular', range: '0-255', glyphs });

  it('round-trips name, range and every glyph field', () => {
    const [stack, ...rest] = decodeGlyphPbf(bytes);
    expect(rest).toHaveLength(0);
    expect(stack?.name).toBe('Noto Sans Regular');
    expect(stack?.range).toBe('0-255');
    const byId = new Map(stack?.glyphs.map((g) => [g.id, g]));
    expect(byId.get(0x41)).toEqual(glyphs[0]);
    expect(byId.get(0x6a)).toEqual(glyphs[2]);
  });

  it('writes glyphs sorted by id, so output is deterministic', () => {
    expect(decodeGlyphPbf(bytes)[0]?.glyphs.map((g) => g.id)).toEqual([0x20, 0x41, 0x6a]);
    const shuffled = encodeGlyphPbf({
      name: 'Noto Sans Regular',
      range: '0-255',
      glyphs: [...glyphs].reverse(),
    });
    expect(shuffled).toEqual(bytes);
  });

  it('keeps negative left/top (sint32 zigzag) intact', () => {
    const negative = glyph(0x67, 10, 19, { left: -2, top: -13 });
    const decoded = decodeGlyphPbf(encodeGlyphPbf({ name: 'x', range: '0-255', glyphs: [negative] }));
    expect(decoded[0]?.glyphs[0]).toMatchObject({ left: -2, top: -13 });
  });

  it('omits the bitmap of blank glyphs, which decode to a zeroed buffer-sized bitmap', () => {
    const space = decodeGlyphPbf(bytes)[0]?.glyphs.find((g) => g.id === 0x20);
    expect(space).toMatchObject({ width: 0, height: 0, top: -26, advance: 6 });
    expect(space?.bitmap).toEqual(new Uint8Array(36));
  });

  it('encodes an empty range as a valid fontstack with no glyphs', () => {
    const empty = encodeGlyphPbf({ name: 'Noto Sans Bold', range: rangeLabel(0xe000), glyphs: [] });
    expect(empty.byteLength).toBeGreaterThan(0);
    expect(decodeGlyphPbf(empty)).toEqual([{ name: 'Noto Sans Bold', range: '57344-57599', glyphs: [] }]);
  });

  it('rejects a bitmap whose size does not match its metrics, like MapLibre', () => {
    const pbf = new PbfWriter();
    pbf.writeMessage(
      1,
      (_: null, stack: PbfWriter) => {
        stack.writeStringField(1, 'bad');
        stack.writeMessage(
          3,
          (__: null, g: PbfWriter) => {
            g.writeVarintField(1, 65);
            g.writeBytesField(2, new Uint8Array(10));
            g.writeVarintField(3, 4);
            g.writeVarintField(4, 4);
          },
          null,
        );
      },
      null,
    );
    expect(() => decodeGlyphPbf(pbf.finish())).toThrow(RangeError);
  });

  it('is read identically by MapLibre’s parseGlyphPbf', async () => {
    const parse = await mapLibreParser();
    const ours = decodeGlyphPbf(bytes)[0]?.glyphs ?? [];
    const theirs = parse(bytes);
    expect(theirs.map((g) => g.id)).toEqual(ours.map((g) => g.id));
    for (const [i, g] of theirs.entries()) {
      const { id, bitmap, ...metrics } = ours[i] as PbfGlyph;
      expect(g.metrics).toEqual(metrics);
      expect(g.bitmap).toMatchObject({ width: metrics.width + 6, height: metrics.height + 6 });
      expect(Uint8Array.from(g.bitmap.data)).toEqual(bitmap);
    }
  });
});

describe('buildGlyphs', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'glyphs-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes every range of every fontstack, MapLibre-readable, and skips when up to date', async () => {
    const first = await buildGlyphs({ outDir });
    expect(first).toMatchObject({ skipped: false, fontstacks: 3, files: 768 });
    expect(first.glyphs).toBeGreaterThan(6000);
    const parse = await mapLibreParser();
    for (const { name } of FONTSTACKS) {
      const files = await readdir(path.join(outDir, name));
      expect(files).toHaveLength(256);
      expect(files).toContain('65280-65535.pbf');
      const latin = parse(await readFile(path.join(outDir, name, '0-255.pbf')));
      const ids = new Set(latin.map((g) => g.id));
      for (const char of 'Holbæk Ærø Øresund Å') expect(ids.has(char.codePointAt(0) as number)).toBe(true);
      const subscripts = parse(await readFile(path.join(outDir, name, '8192-8447.pbf')));
      expect(subscripts.some((g) => g.id === 0x2082 && g.metrics.width > 0)).toBe(true);
      // A private-use range the font does not cover still parses: no 404s, no errors.
      expect(parse(await readFile(path.join(outDir, name, '57344-57599.pbf')))).toEqual([]);
    }
    const second = await buildGlyphs({ outDir });
    expect(second.skipped).toBe(true);
  }, 60_000);

  it('is deterministic', async () => {
    const file = path.join(outDir, 'Noto Sans Italic', '0-255.pbf');
    const before = await readFile(file);
    await buildGlyphs({ outDir, force: true });
    expect(await readFile(file)).toEqual(before);
  }, 60_000);
});
