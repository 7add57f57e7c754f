import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CompanyFeatureSchema,
  defaultVisibility,
  ExchangeSchema,
  ImpactFigureSchema,
  PlacePropertiesSchema,
  QuantitySchema,
  ResourceSchema,
} from './schema.ts';

/** All issue messages with their paths, as a user of the validator would read them. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

const steam = {
  id: 'steam',
  label: { da: 'Damp', en: 'Steam' },
  category: 'energy',
  colour: '#D55E00',
  canonicalUnit: 'MWh/yr',
  maxTransportKm: 5,
  transportReason: 'Steam loses pressure quickly; only neighbours can take it.',
};

const company = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [11.0809, 55.6615] },
  properties: {
    id: 'asnaes-power-station',
    name: 'Asnæs Power Station',
    aliases: [{ name: 'Ørsted', fromYear: 2017 }],
    kind: 'company',
    role: 'partner',
    partnerSince: 1973,
    partnerUntil: null,
    municipality: '0326',
    locationAccuracy: 'exact',
    locationSource: 'gem.wiki',
    nace: ['35.11'],
    description: { da: 'Kraftvarmeværk.', en: 'Combined heat and power station.' },
    source: ['https://orsted.com'],
    visibility: 'public',
    streams: [
      {
        id: 'asnaes-power-station-out-steam',
        direction: 'output',
        resourceId: 'steam',
        status: 'active',
        startYear: 1982,
        endYear: null,
        quantity: { value: null, unit: 'MWh/yr' },
        source: ['Saikku 2006'],
        verification: 'verified',
        visibility: 'public',
      },
    ],
  },
};

const exchange = {
  id: 'asnaes-steam-to-novo-nordisk',
  from: 'asnaes-power-station',
  to: 'novo-nordisk-kalundborg',
  resourceId: 'steam',
  status: 'existing',
  startYear: 1982,
  endYear: null,
  quantity: { value: null, unit: 'MWh/yr' },
  impact: [],
  source: ['http://www.visitdenmark.com/denmark/kalundborg-symbiosis-gdk618031'],
  verification: 'verified',
  visibility: 'public',
};

const figure = {
  id: 'co2-avoided-2010',
  metric: 'co2',
  label: { da: 'Undgået CO₂', en: 'CO₂ avoided' },
  value: 275000,
  unit: 't/yr',
  year: 2010,
  scope: { da: 'Hele symbiosen', en: 'Whole symbiosis' },
  headline: true,
  method: 'Secretariat headline figures',
  source: ['http://www.symbiosis.dk/en'],
  verification: 'verified',
  visibility: 'public',
};

describe('ResourceSchema', () => {
  it('accepts a resource with EWC entry', () => {
    const flyAsh = { ...steam, id: 'fly-ash', ewc: { code: '10 01 02', title: 'coal fly ash' } };
    expect(messages(ResourceSchema, flyAsh)).toEqual([]);
  });

  it('rejects a non-kebab id, a lower-case colour and a zero transport distance', () => {
    const found = messages(ResourceSchema, {
      ...steam,
      id: 'Steam Heat',
      colour: '#d55e00',
      maxTransportKm: 0,
    });
    expect(found).toEqual([
      'id: must be a kebab-case id (lower-case letters, digits, single hyphens)',
      'colour: a colour is an upper-case hex triplet such as "#D55E00"',
      'maxTransportKm: maxTransportKm must be > 0',
    ]);
  });

  it('rejects a malformed EWC code', () => {
    expect(messages(ResourceSchema, { ...steam, ewc: { code: '100102', title: 'coal fly ash' } })).toEqual([
      'ewc.code: an EWC code looks like "10 01 05" (hazardous: "13 02 08*")',
    ]);
  });
});

describe('QuantitySchema', () => {
  it('accepts a known and an explicitly unknown quantity', () => {
    expect(QuantitySchema.safeParse({ value: 150000, unit: 't/yr', referenceYear: 2010 }).success).toBe(true);
    expect(QuantitySchema.safeParse({ value: null, unit: 't/yr' }).success).toBe(true);
  });

  it('does not let an unknown quantity be left out, zeroed by accident or negative', () => {
    const expected = ': a quantity is {value: number ≥ 0, unit} or explicitly unknown {value: null, unit}';
    expect(messages(QuantitySchema, { unit: 't/yr' })).toEqual([expected]);
    expect(messages(QuantitySchema, { value: -1, unit: 't/yr' })).toEqual([
      'value: a quantity cannot be negative',
    ]);
    expect(messages(QuantitySchema, { value: null })).toEqual([expected]);
  });
});

describe('CompanyFeatureSchema', () => {
  it('accepts a company with a stream', () => {
    expect(messages(CompanyFeatureSchema, company)).toEqual([]);
  });

  it('rejects an out-of-range longitude, a short municipality code and an unknown key', () => {
    const broken = {
      ...company,
      geometry: { type: 'Point', coordinates: [181, 55.6] },
      properties: { ...company.properties, municipality: '326', sector: 'energy' },
    };
    expect(messages(CompanyFeatureSchema, broken)).toEqual([
      'geometry.coordinates.0: longitude must be ≤ 180',
      'properties.municipality: a municipality code is a four-digit komkode such as "0326"',
      'properties: Unrecognized key: "sector"',
    ]);
  });

  it('rejects a stream without a source', () => {
    const [stream] = company.properties.streams;
    const broken = {
      ...company,
      properties: { ...company.properties, streams: [{ ...stream, source: [] }] },
    };
    expect(messages(CompanyFeatureSchema, broken)).toEqual([
      'properties.streams.0.source: at least one source (URL or citation) is required',
    ]);
  });
});

describe('ExchangeSchema', () => {
  it('accepts an exchange', () => {
    expect(messages(ExchangeSchema, exchange)).toEqual([]);
  });

  it('rejects an unknown status, a fractional year and a broken URL source', () => {
    const found = messages(ExchangeSchema, {
      ...exchange,
      status: 'planned',
      startYear: 1982.5,
      source: ['http://'],
    });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^status: Invalid option: expected one of "existing"\|"historic"/);
    expect(found[1]).toBe('startYear: a year must be a whole number');
    expect(found[2]).toBe('source.0: a source that starts with http(s):// must be a valid URL');
  });
});

describe('ImpactFigureSchema', () => {
  it('accepts a dated figure and rejects one without a year', () => {
    expect(messages(ImpactFigureSchema, figure)).toEqual([]);
    const { year: _year, ...undated } = figure;
    expect(messages(ImpactFigureSchema, undated)).toEqual(['year: a year must be a whole number']);
  });
});

describe('PlacePropertiesSchema', () => {
  it('accepts a town with an unknown population year and rejects an unknown kind', () => {
    const hong = {
      id: 'hong',
      name: 'Høng',
      kind: 'town',
      municipality: '0326',
      accuracyKm: 1,
      population: 4357,
      populationYear: null,
      source: 'Danish town coordinate table (third-party)',
    };
    expect(messages(PlacePropertiesSchema, hong)).toEqual([]);
    expect(messages(PlacePropertiesSchema, { ...hong, kind: 'city' })[0]).toMatch(/^kind: Invalid option/);
  });
});

describe('defaultVisibility', () => {
  it('publishes sourced facts, even with an unknown quantity', () => {
    expect(
      defaultVisibility({
        verification: 'verified',
        registeredPotential: false,
        quantity: { value: null, unit: 't/yr' },
      }),
    ).toBe('public');
  });

  it('keeps estimates and unknown quantities of registered potentials with the secretariat', () => {
    expect(defaultVisibility({ verification: 'estimate', registeredPotential: false })).toBe('secretariat');
    expect(
      defaultVisibility({
        verification: 'verified',
        registeredPotential: true,
        quantity: { value: null, unit: 't/yr' },
      }),
    ).toBe('secretariat');
    expect(
      defaultVisibility({
        verification: 'verified',
        registeredPotential: true,
        quantity: { value: 8000, unit: 't/yr' },
      }),
    ).toBe('public');
  });
});
