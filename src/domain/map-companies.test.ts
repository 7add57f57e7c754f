import { describe, expect, it } from 'vitest';
import { MapCompanySchema } from './api.ts';
import type { CompanyFeature, Stream } from './company.ts';
import { streamVolumeIndex, toMapCompany } from './map-companies.ts';
import { visibleTo } from './visible-dataset.ts';

const stream = (id: string, overrides: Partial<Stream> = {}): Stream => ({
  id,
  direction: 'output',
  resourceId: 'surplus-heat',
  status: 'active',
  startYear: null,
  endYear: null,
  quantity: { value: null, unit: 'MWh/yr' },
  source: ['https://example.org'],
  verification: 'estimate',
  visibility: 'public',
  ...overrides,
});

const plant = (streams: Stream[], aliases: CompanyFeature['properties']['aliases'] = []): CompanyFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [11.0861, 55.6606] },
  properties: {
    id: 'asnaes-power-station',
    name: 'Asnæs Power Station',
    aliases,
    kind: 'utility',
    role: 'partner',
    partnerSince: 1972,
    partnerUntil: null,
    municipality: '0326',
    locationAccuracy: 'exact',
    locationSource: 'Ørsted site plan',
    nace: ['35.11'],
    description: { da: 'Kraftværk.', en: 'Power station.' },
    source: ['https://example.org'],
    visibility: 'public',
    streams,
  },
});

describe('the map’s lean company layer', () => {
  it('carries what markers, glyphs, clusters, filters and search need, and validates', () => {
    const company = plant(
      [
        stream('heat', { quantity: { value: 999, unit: 'MWh/yr' } }),
        stream('water', { direction: 'input', resourceId: 'surface-water' }),
      ],
      [{ name: 'Asnæsværket', fromYear: 1959 }],
    );
    const entry = toMapCompany(company);
    expect(MapCompanySchema.parse(entry)).toEqual(entry);
    expect(entry).toEqual({
      id: 'asnaes-power-station',
      name: 'Asnæs Power Station',
      aliases: ['Asnæsværket'],
      kind: 'utility',
      role: 'partner',
      partnerSince: 1972,
      municipality: '0326',
      lon: 11.0861,
      lat: 55.6606,
      weight: 3.5,
      streams: [
        ['surplus-heat', 'output', true],
        ['surface-water', 'input', false],
      ],
    });
  });

  it('leaves partnership years out when there are none, so the timeline reads a missing year as never', () => {
    const base = plant([]);
    const outsider = toMapCompany({
      ...base,
      properties: { ...base.properties, role: 'external', partnerSince: null, partnerUntil: null },
    });
    expect(outsider).not.toHaveProperty('partnerSince');
    expect(outsider).not.toHaveProperty('partnerUntil');
    const former = toMapCompany({ ...base, properties: { ...base.properties, partnerUntil: 2000 } });
    expect(former).toMatchObject({ partnerSince: 1972, partnerUntil: 2000 });
  });

  it('leaves historic streams and empty alias lists out', () => {
    const entry = toMapCompany(
      plant([stream('old', { status: 'historic' }), stream('next', { status: 'planned' })]),
    );
    expect(entry.streams).toEqual([['surplus-heat', 'output', false]]);
    expect(entry.weight).toBe(1);
    expect('aliases' in entry).toBe(false);
  });

  it('weighs a figure the caller sees only as a band like an unknown one, so the weight gives nothing away', () => {
    const secret = stream('heat', {
      quantity: { value: 400_000, unit: 'MWh/yr' },
      quantityVisibility: 'secretariat',
    });
    const company = plant([secret]);
    const view = visibleTo('public', {
      resources: [],
      companies: [company],
      exchanges: [],
      impactFigures: [],
    });
    const seen = view.companies[0];
    if (!seen) throw new Error('the company is public');
    expect(toMapCompany(seen)).toMatchObject({ weight: 1, streams: [['surplus-heat', 'output', false]] });
    expect(streamVolumeIndex(company.properties.streams)).toBeGreaterThan(3);
  });
});
