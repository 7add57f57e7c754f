import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { type BasemapManifest, basemapLayerPaths } from '../domain/basemap.ts';
import { basemapLayerIds, buildBasemapStyle, firstLabelLayerId } from './basemap-style.ts';
import { pageFontFamily } from './fonts.ts';

const origin = 'http://atlas.test';
const manifest: BasemapManifest = { ...basemapLayerPaths, attribution: ['GSHHG', 'DAGI'] };

const build = (manifest: BasemapManifest) =>
  buildBasemapStyle({ manifest, resolveUrl: (path) => `${origin}${path}` });

describe('the basemap style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(build(manifest))).toEqual([]);
  });

  it('loads every source from the app’s own origin and names no tile, glyph or sprite server', () => {
    const style = build(manifest);
    const urls = Object.values(style.sources).map((source) => ('data' in source ? source.data : undefined));
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(String(url).startsWith(`${origin}/`)).toBe(true);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('draws every label in the page’s own font, in the weight and style its first name gives', () => {
    const stacks = build(manifest).layers.flatMap((layer) =>
      layer.type === 'symbol' ? fontStacksIn(layer.layout?.['text-font']) : [],
    );
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const stack of stacks) {
      expect(stack.at(-1)).toBe(pageFontFamily);
      expect(stack[0]).toMatch(/^Noto Sans (Regular|Bold|Italic)$/);
    }
  });

  it('draws municipality fills, names and the borders between municipalities, never a second coastline', () => {
    const style = build(manifest);
    expect(style.layers.map((layer) => layer.id)).toEqual(
      expect.arrayContaining([
        basemapLayerIds.municipalityFill,
        'municipality-border-region',
        'municipality-labels',
      ]),
    );
    const lineSources = style.layers.flatMap((layer) => (layer.type === 'line' ? [layer.source] : []));
    expect(new Set(lineSources)).toEqual(new Set(['shoreline', 'municipality-borders']));
  });

  it('puts every label above every area and line, so thematic layers can go in between', () => {
    const style = build(manifest);
    const types = style.layers.map((layer) => layer.type);
    const firstSymbol = types.indexOf('symbol');
    expect(firstSymbol).toBeGreaterThan(0);
    expect(types.slice(firstSymbol).some((type) => type === 'fill' || type === 'line')).toBe(false);
    expect(firstLabelLayerId(style)).toBe(style.layers[firstSymbol]?.id);
  });

  it('distinguishes Kalundborg, Holbæk and Odsherred with three different fills', () => {
    const fill = build(manifest).layers.find((layer) => layer.id === basemapLayerIds.municipalityFill);
    const colour = fill && 'paint' in fill ? fill.paint : undefined;
    const expression = JSON.stringify(colour);
    for (const code of ['0326', '0316', '0306']) expect(expression).toContain(code);
  });
});

/** The font stacks in a `text-font` value: a plain stack, or the `literal` stacks inside an expression. */
function fontStacksIn(value: unknown): string[][] {
  if (!Array.isArray(value)) return [];
  if (value[0] !== 'literal' && value.every((name) => typeof name === 'string')) return [value];
  return literalStacks(value);
}

function literalStacks(expression: unknown): string[][] {
  if (!Array.isArray(expression)) return [];
  if (expression[0] === 'literal' && Array.isArray(expression[1])) return [expression[1] as string[]];
  return expression.flatMap(literalStacks);
}
