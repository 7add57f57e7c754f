/**
 * Encoder/decoder for MapLibre's glyphs.proto:
 *
 *   message glyphs { repeated fontstack stacks = 1; }
 *   message fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   message glyph { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *                   sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 */
import { PbfReader, PbfWriter } from 'pbf';

/** The padding MapLibre assumes around every glyph bitmap (GLYPH_PBF_BORDER). */
export const GLYPH_PBF_BORDER = 3;

export const RANGE_SIZE = 256;

export interface PbfGlyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

export interface GlyphFontstack {
  name: string;
  /** `${start}-${end}`, e.g. '0-255'. */
  range: string;
  glyphs: readonly PbfGlyph[];
}

/** The range label MapLibre requests for a codepoint range starting at `start`. */
export function rangeLabel(start: number): string {
  return `${start}-${start + RANGE_SIZE - 1}`;
}

/** Encodes one fontstack range as a glyph PBF (the file served at `{fontstack}/{range}.pbf`). */
export function encodeGlyphPbf(stack: GlyphFontstack): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, writeFontstack, stack);
  return pbf.finish();
}

function writeFontstack(stack: GlyphFontstack, pbf: PbfWriter): void {
  pbf.writeStringField(1, stack.name);
  pbf.writeStringField(2, stack.range);
  // Sorted so the output is deterministic whatever order the caller collected glyphs in.
  const glyphs = [...stack.glyphs].sort((a, b) => a.id - b.id);
  for (const glyph of glyphs) pbf.writeMessage(3, writeGlyph, glyph);
}

function writeGlyph(glyph: PbfGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, glyph.id);
  // Like fontnik, blank glyphs carry no bitmap: MapLibre then allocates a zeroed one itself.
  if (glyph.width > 0 && glyph.height > 0) pbf.writeBytesField(2, glyph.bitmap);
  pbf.writeVarintField(3, glyph.width);
  pbf.writeVarintField(4, glyph.height);
  pbf.writeSVarintField(5, glyph.left);
  pbf.writeSVarintField(6, glyph.top);
  pbf.writeVarintField(7, glyph.advance);
}

interface RawGlyph {
  id: number;
  bitmap: Uint8Array | undefined;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

interface RawFontstack {
  name: string;
  range: string;
  glyphs: PbfGlyph[];
}

/**
 * Decodes a glyph PBF with the same field handling and bitmap-size check as MapLibre's
 * parseGlyphPbf (src/style/parse_glyph_pbf.ts), so anything that decodes here loads there.
 */
export function decodeGlyphPbf(data: Uint8Array | ArrayBuffer): GlyphFontstack[] {
  return new PbfReader(data).readFields(readStacks, [] as GlyphFontstack[]);
}

function readStacks(tag: number, stacks: GlyphFontstack[], pbf: PbfReader): void {
  if (tag === 1)
    stacks.push(pbf.readMessage(readFontstack, { name: '', range: '', glyphs: [] } as RawFontstack));
}

function readFontstack(tag: number, stack: RawFontstack, pbf: PbfReader): void {
  if (tag === 1) stack.name = pbf.readString();
  else if (tag === 2) stack.range = pbf.readString();
  else if (tag === 3) stack.glyphs.push(toGlyph(pbf.readMessage(readGlyph, emptyRawGlyph())));
}

function emptyRawGlyph(): RawGlyph {
  return { id: 0, bitmap: undefined, width: 0, height: 0, left: 0, top: 0, advance: 0 };
}

function readGlyph(tag: number, glyph: RawGlyph, pbf: PbfReader): void {
  if (tag === 1) glyph.id = pbf.readVarint();
  else if (tag === 2) glyph.bitmap = pbf.readBytes();
  else if (tag === 3) glyph.width = pbf.readVarint();
  else if (tag === 4) glyph.height = pbf.readVarint();
  else if (tag === 5) glyph.left = pbf.readSVarint();
  else if (tag === 6) glyph.top = pbf.readSVarint();
  else if (tag === 7) glyph.advance = pbf.readVarint();
}

/** Mirrors MapLibre's AlphaImage: a missing bitmap becomes zeros, a wrong-sized one throws. */
function toGlyph(raw: RawGlyph): PbfGlyph {
  const size = (raw.width + 2 * GLYPH_PBF_BORDER) * (raw.height + 2 * GLYPH_PBF_BORDER);
  if (raw.bitmap && raw.bitmap.length !== size) {
    throw new RangeError(`glyph ${raw.id}: bitmap has ${raw.bitmap.length} bytes, expected ${size}`);
  }
  return { ...raw, bitmap: raw.bitmap ?? new Uint8Array(size) };
}
