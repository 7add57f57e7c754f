/**
 * Build step: generates MapLibre SDF glyph PBFs from @fontsource/noto-sans so the map's labels
 * work fully offline (style `glyphs: '/glyphs/{fontstack}/{range}.pbf'`).
 *
 *   tsx src/tools/glyphs/build-glyphs.ts [--out DIR] [--force]
 *
 * Writes every 256-codepoint range 0-255 … 65280-65535 for each fontstack, empty ranges
 * included, so MapLibre never hits a 404 for an unusual character.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeGlyphPbf, RANGE_SIZE, rangeLabel } from './glyph-pbf.ts';
import {
  type FontScale,
  fontScale,
  type GlyphOutline,
  outlineBounds,
  type PathCommand,
  renderGlyphSdf,
  type SdfGlyph,
} from './sdf.ts';

/** Bump when the output format changes in a way the source hash would not catch. */
const GENERATOR_VERSION = 1;
const FONT_PACKAGE = '@fontsource/noto-sans';
const STAMP_FILE = '.stamp.json';
const LAST_CODEPOINT = 0xffff;
const RANGE_COUNT = (LAST_CODEPOINT + 1) / RANGE_SIZE;

interface FontstackSpec {
  name: string;
  weight: number;
  style: 'normal' | 'italic';
}

export const FONTSTACKS: readonly FontstackSpec[] = [
  { name: 'Noto Sans Regular', weight: 400, style: 'normal' },
  { name: 'Noto Sans Bold', weight: 700, style: 'normal' },
  { name: 'Noto Sans Italic', weight: 400, style: 'italic' },
];

/** Subsets that win when several ship the same codepoint (their outlines are identical anyway). */
const PREFERRED_SUBSETS = ['latin', 'latin-ext'];

/** The slice of opentype.js 2.0 used here (it ships no type declarations). */
interface OtGlyph {
  advanceWidth?: number;
  path: { commands: PathCommand[] };
}

interface OtFont {
  unitsPerEm: number;
  glyphs: { get(index: number): OtGlyph };
  tables: {
    hhea: { ascender: number };
    cmap: { glyphIndexMap: Record<string, number> };
    post?: { italicAngle?: number };
    os2?: { ySubscriptYOffset?: number };
  };
}

interface OpenType {
  parse(buffer: ArrayBuffer): OtFont;
}

interface LoadedFontstack {
  spec: FontstackSpec;
  font: FontScale;
  outlines: Map<number, GlyphOutline>;
}

export interface BuildGlyphsOptions {
  outDir?: string;
  /** Rebuild even if the stamp says the outputs are current. */
  force?: boolean;
}

export interface BuildGlyphsResult {
  skipped: boolean;
  fontstacks: number;
  glyphs: number;
  files: number;
  bytes: number;
  ms: number;
}

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const defaultOutDir = path.resolve(here, '../../../public/glyphs');

export async function buildGlyphs(options: BuildGlyphsOptions = {}): Promise<BuildGlyphsResult> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir ?? defaultOutDir);
  const packageDir = path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
  const stamp = await makeStamp(packageDir);
  if (!options.force && (await isUpToDate(outDir, stamp))) {
    return {
      skipped: true,
      fontstacks: FONTSTACKS.length,
      glyphs: 0,
      files: 0,
      bytes: 0,
      ms: elapsed(started),
    };
  }
  await rm(path.join(outDir, STAMP_FILE), { force: true });
  let glyphs = 0;
  let bytes = 0;
  for (const spec of FONTSTACKS) {
    const stack = await loadFontstack(packageDir, spec);
    const written = await writeFontstack(outDir, stack);
    glyphs += stack.outlines.size;
    bytes += written;
  }
  // Written last, so an interrupted build is redone next time.
  await writeFile(path.join(outDir, STAMP_FILE), `${stamp}\n`);
  const files = FONTSTACKS.length * RANGE_COUNT;
  return { skipped: false, fontstacks: FONTSTACKS.length, glyphs, files, bytes, ms: elapsed(started) };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Everything the output depends on: font version, fontstack list and this generator's source. */
async function makeStamp(packageDir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const hash = createHash('sha256');
  for (const file of ['sdf.ts', 'glyph-pbf.ts', 'build-glyphs.ts']) {
    const source = path.join(here, file);
    // When run from a bundle the sources are not next to us; the explicit version still counts.
    if (existsSync(source)) hash.update(await readFile(source));
  }
  return JSON.stringify({
    generator: GENERATOR_VERSION,
    source: hash.digest('hex').slice(0, 16),
    font: `${FONT_PACKAGE}@${pkg.version}`,
    fontstacks: FONTSTACKS,
  });
}

async function isUpToDate(outDir: string, stamp: string): Promise<boolean> {
  const previous = await readFile(path.join(outDir, STAMP_FILE), 'utf8').catch(() => '');
  if (previous.trim() !== stamp) return false;
  for (const spec of FONTSTACKS) {
    const names = new Set(await readdir(path.join(outDir, spec.name)).catch(() => []));
    for (let r = 0; r < RANGE_COUNT; r++) {
      if (!names.has(`${rangeLabel(r * RANGE_SIZE)}.pbf`)) return false;
    }
  }
  return true;
}

async function writeFontstack(outDir: string, stack: LoadedFontstack): Promise<number> {
  const dir = path.join(outDir, stack.spec.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const byRange = groupByRange(stack.outlines);
  const writes: Promise<void>[] = [];
  let bytes = 0;
  for (let r = 0; r < RANGE_COUNT; r++) {
    const range = rangeLabel(r * RANGE_SIZE);
    const glyphs: SdfGlyph[] = (byRange.get(r) ?? []).map((outline) => renderGlyphSdf(outline, stack.font));
    const pbf = encodeGlyphPbf({ name: stack.spec.name, range, glyphs });
    // Overlap disk writes with rendering the next ranges.
    writes.push(writeFile(path.join(dir, `${range}.pbf`), pbf));
    bytes += pbf.byteLength;
  }
  await Promise.all(writes);
  return bytes;
}

function groupByRange(outlines: Map<number, GlyphOutline>): Map<number, GlyphOutline[]> {
  const byRange = new Map<number, GlyphOutline[]>();
  const ids = [...outlines.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const range = Math.floor(id / RANGE_SIZE);
    const list = byRange.get(range) ?? [];
    list.push(outlines.get(id) as GlyphOutline);
    byRange.set(range, list);
  }
  return byRange;
}

/** Merges every subset file (.woff: opentype.js cannot read woff2) of one weight and style. */
async function loadFontstack(packageDir: string, spec: FontstackSpec): Promise<LoadedFontstack> {
  const files = await subsetFiles(path.join(packageDir, 'files'), spec);
  if (files.length === 0) throw new Error(`${FONT_PACKAGE}: no .woff files for ${spec.weight} ${spec.style}`);
  const opentype = require('opentype.js') as OpenType;
  const outlines = new Map<number, GlyphOutline>();
  let reference: OtFont | undefined;
  for (const file of files) {
    const font = opentype.parse(toArrayBuffer(await readFile(file)));
    reference ??= font;
    assertSameMetrics(reference, font, file);
    addCmap(outlines, font);
  }
  const font = reference as OtFont;
  addSynthesisedScriptDigits(outlines, font);
  return { spec, font: { scale: fontScale(font.unitsPerEm), ascender: font.tables.hhea.ascender }, outlines };
}

async function subsetFiles(dir: string, spec: FontstackSpec): Promise<string[]> {
  const pattern = new RegExp(`^noto-sans-(.+)-${spec.weight}-${spec.style}\\.woff$`);
  const subsets = (await readdir(dir)).flatMap((name) => {
    const subset = pattern.exec(name)?.[1];
    return subset ? [{ name, rank: subsetRank(subset) }] : [];
  });
  subsets.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : 1));
  return subsets.map((s) => path.join(dir, s.name));
}

function subsetRank(subset: string): number {
  const index = PREFERRED_SUBSETS.indexOf(subset);
  return index === -1 ? PREFERRED_SUBSETS.length : index;
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  return copy;
}

/** Subsets are cut from one font; if they ever disagree, merged glyphs would not line up. */
function assertSameMetrics(reference: OtFont, font: OtFont, file: string): void {
  if (
    font.unitsPerEm !== reference.unitsPerEm ||
    font.tables.hhea.ascender !== reference.tables.hhea.ascender
  ) {
    throw new Error(`${file}: unitsPerEm/ascender differ from the other subsets`);
  }
}

function addCmap(outlines: Map<number, GlyphOutline>, font: OtFont): void {
  for (const [key, index] of Object.entries(font.tables.cmap.glyphIndexMap)) {
    const id = Number(key);
    if (id > LAST_CODEPOINT || outlines.has(id)) continue;
    const glyph = font.glyphs.get(index);
    outlines.set(id, { id, commands: glyph.path.commands, advanceWidth: glyph.advanceWidth ?? 0 });
  }
}

const SUPERSCRIPT_DIGITS = [0x2070, 0x00b9, 0x00b2, 0x00b3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079];
const SUBSCRIPT_ZERO = 0x2080;

/**
 * The fontsource subsets leave out U+2070–2089, so "CO₂" would lose its ₂. Noto's ¹²³ (in
 * the latin subset) are real superior figures: subscripts are those moved down to the
 * OS/2 subscript baseline, and the missing digits are the lining figures scaled to match.
 */
function addSynthesisedScriptDigits(outlines: Map<number, GlyphOutline>, font: OtFont): void {
  const superTwo = outlines.get(0x00b2);
  const two = outlines.get(0x32);
  if (!superTwo || !two) return;
  const sup = outlineBounds(superTwo.commands);
  const lining = outlineBounds(two.commands);
  const scale = (sup.maxY - sup.minY) / (lining.maxY - lining.minY);
  // Moving along the italic axis keeps synthesised figures slanted like the real ones.
  const slant = Math.tan((-(font.tables.post?.italicAngle ?? 0) * Math.PI) / 180);
  const subDrop = -(font.tables.os2?.ySubscriptYOffset ?? 0) - sup.minY;
  for (let digit = 0; digit <= 9; digit++) {
    const supId = SUPERSCRIPT_DIGITS[digit] as number;
    const source = outlines.get(0x30 + digit);
    if (!outlines.has(supId) && source) {
      const dx = (superTwo.advanceWidth - source.advanceWidth * scale) / 2 + slant * sup.minY;
      const commands = transformCommands(source.commands, scale, dx, sup.minY);
      outlines.set(supId, { id: supId, commands, advanceWidth: superTwo.advanceWidth });
    }
    const superior = outlines.get(supId);
    const subId = SUBSCRIPT_ZERO + digit;
    if (!outlines.has(subId) && superior) {
      const commands = transformCommands(superior.commands, 1, slant * subDrop, subDrop);
      outlines.set(subId, { id: subId, commands, advanceWidth: superior.advanceWidth });
    }
  }
}

function transformCommands(
  commands: readonly PathCommand[],
  s: number,
  dx: number,
  dy: number,
): PathCommand[] {
  const x = (v: number): number => v * s + dx;
  const y = (v: number): number => v * s + dy;
  return commands.map((c): PathCommand => {
    if (c.type === 'Z') return c;
    if (c.type === 'Q') return { type: 'Q', x1: x(c.x1), y1: y(c.y1), x: x(c.x), y: y(c.y) };
    if (c.type === 'C') {
      return { type: 'C', x1: x(c.x1), y1: y(c.y1), x2: x(c.x2), y2: y(c.y2), x: x(c.x), y: y(c.y) };
    }
    return { type: c.type, x: x(c.x), y: y(c.y) };
  });
}

function parseArgs(argv: readonly string[]): BuildGlyphsOptions {
  const options: BuildGlyphsOptions = { force: argv.includes('--force') };
  const out = argv.indexOf('--out');
  if (out !== -1 && argv[out + 1]) options.outDir = argv[out + 1];
  return options;
}

async function main(): Promise<void> {
  const result = await buildGlyphs(parseArgs(process.argv.slice(2)));
  const what = result.skipped
    ? 'up to date'
    : `${result.glyphs} glyphs, ${result.files} ranges, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `glyphs: ${result.fontstacks} fontstacks (${FONTSTACKS.map((f) => f.name).join(', ')}), ${what}, ${result.ms} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
