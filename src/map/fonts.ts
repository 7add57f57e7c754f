/**
 * Font stacks for MapLibre symbol layers. The style names no `glyphs` URL, so MapLibre draws every label
 * itself (TinySDF on a canvas) from the fonts the page has loaded: Noto Sans from `@fontsource/noto-sans`,
 * which the app's entry point loads for the UI in the three faces used here. MapLibre reads the weight and
 * style from a stack's first name ("Bold", "Italic"); the browser knows no family of that name and takes the
 * next one, the page's "Noto Sans", in that weight and style.
 */
export const pageFontFamily = 'Noto Sans';

export const fontStacks = {
  regular: ['Noto Sans Regular', pageFontFamily],
  bold: ['Noto Sans Bold', pageFontFamily],
  italic: ['Noto Sans Italic', pageFontFamily],
} as const;
