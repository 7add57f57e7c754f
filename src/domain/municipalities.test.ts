import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { municipalityCodes, municipalityLabel, municipalityName } from './municipalities.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The reference folder beside the checkout holds the raw DAGI file the outlines are built from.
const dagiFile = path.resolve(root, '../shared/geodata/dagi-kommuner-west-zealand.geojson');

type Collection = { features: { properties: Record<string, unknown> }[] };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Collection;
const simplified = (name: string) => name.replace(/[-\s]+/g, ' ').toLowerCase();

describe('municipality names', () => {
  it('cover all 98 Danish municipalities, each code once and four digits long', () => {
    expect(municipalityCodes).toHaveLength(98);
    expect(new Set(municipalityCodes).size).toBe(98);
    for (const code of municipalityCodes) expect(code).toMatch(/^\d{4}$/);
  });

  it('name every municipality code a company record uses', () => {
    const codes = read(path.join(root, 'geodata/companies.geojson')).features.map(
      (f) => f.properties.municipality,
    );
    const used = [...new Set(codes.filter((code): code is string => typeof code === 'string'))];
    expect(used.length).toBeGreaterThan(3);
    for (const code of used) expect(municipalityName(code), code).not.toBeNull();
  });

  it.runIf(existsSync(dagiFile))('agree with DAGI’s komnavn for every code in the DAGI file', () => {
    const features = read(dagiFile).features;
    expect(features.length).toBeGreaterThan(0);
    for (const { properties } of features) {
      const code = String(properties.komkode);
      expect(simplified(municipalityName(code) ?? ''), code).toBe(simplified(String(properties.komnavn)));
    }
  });

  it('read as code and name, in English where the name differs', () => {
    expect(municipalityLabel('0851')).toBe('0851 Aalborg');
    expect(municipalityName('0326', 'en')).toBe('Kalundborg');
    expect(municipalityName('0101', 'en')).toBe('Copenhagen');
    expect(municipalityName('0101', 'da')).toBe('København');
  });

  it('mark a code that is no municipality instead of passing it off as a place', () => {
    expect(municipalityName('9999')).toBeNull();
    expect(municipalityLabel('9999')).toBe('9999 ?');
    expect(municipalityLabel(null)).toBeNull();
  });
});
