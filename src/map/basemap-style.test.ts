import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { BasemapManifest } from '../domain/basemap.ts';
import { buildBasemapStyle, firstLabelLayerId } from './basemap-style.ts';

const origin = 'http://atlas.test';
const withMunicipalities: BasemapManifest = {
  land: '/geodata/land.geojson',
  shoreline: '/geodata/shoreline.geojson',
  lakes: '/geodata/lakes.geojson',
  places: '/geodata/places.geojson',
  municipalities: {
    outlines: '/geodata/municipalities.geojson',
    labels: '/geodata/municipality-labels.geojson',
  },
  attribution: ['GSHHG', 'DAGI'],
};
const withoutMunicipalities: BasemapManifest = { ...withMunicipalities, municipalities: null };

const build = (manifest: BasemapManifest) =>
  buildBasemapStyle({ manifest, resolveUrl: (path) => `${origin}${path}` });

describe('the basemap style', () => {
  it.each([
    ['with', withMunicipalities],
    ['without', withoutMunicipalities],
  ])('is a valid MapLibre style %s municipality outlines', (_label, manifest) => {
    expect(validateStyleMin(build(manifest))).toEqual([]);
  });

  it('loads every source and glyph from the app’s own origin, never from a tile server', () => {
    const style = build(withMunicipalities);
    const urls = [
      style.glyphs,
      ...Object.values(style.sources).map((source) => ('data' in source ? source.data : undefined)),
    ];
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(String(url).startsWith(`${origin}/`)).toBe(true);
    expect(style.sprite).toBeUndefined();
  });

  it('keeps the glyph URL template intact for MapLibre to fill in', () => {
    expect(build(withMunicipalities).glyphs).toBe(`${origin}/glyphs/{fontstack}/{range}.pbf`);
  });

  it('draws municipality fills, outlines and names only when the server has them', () => {
    const ids = (manifest: BasemapManifest) => build(manifest).layers.map((layer) => layer.id);
    expect(ids(withMunicipalities)).toEqual(
      expect.arrayContaining(['municipality-fill', 'municipality-outline-region', 'municipality-labels']),
    );
    expect(ids(withoutMunicipalities).some((id) => id.startsWith('municipality'))).toBe(false);
  });

  it('puts every label above every area and line, so thematic layers can go in between', () => {
    for (const manifest of [withMunicipalities, withoutMunicipalities]) {
      const style = build(manifest);
      const types = style.layers.map((layer) => layer.type);
      const firstSymbol = types.indexOf('symbol');
      expect(firstSymbol).toBeGreaterThan(0);
      expect(types.slice(firstSymbol).some((type) => type === 'fill' || type === 'line')).toBe(false);
      expect(firstLabelLayerId(style)).toBe(style.layers[firstSymbol]?.id);
    }
  });

  it('distinguishes Kalundborg, Holbæk and Odsherred with three different fills', () => {
    const fill = build(withMunicipalities).layers.find((layer) => layer.id === 'municipality-fill');
    const colour = fill && 'paint' in fill ? fill.paint : undefined;
    const expression = JSON.stringify(colour);
    for (const code of ['0326', '0316', '0306']) expect(expression).toContain(code);
  });
});
