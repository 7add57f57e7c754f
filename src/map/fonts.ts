/**
 * Font stacks for MapLibre symbol layers. The glyph PBFs for each stack are generated at build time from the
 * same npm font the UI uses (src/tools/glyphs), so labels need no font server.
 */
export const fontStacks = {
  regular: ['Noto Sans Regular'],
  bold: ['Noto Sans Bold'],
  italic: ['Noto Sans Italic'],
} as const;

export const glyphsUrl = '/glyphs/{fontstack}/{range}.pbf';
