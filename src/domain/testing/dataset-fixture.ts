// A tiny valid dataset for the dataset-rule tests: each test breaks a copy of it in one way and looks at what
// the validator says. Two Kalundborg companies, one steam exchange, one headline figure, one municipality square.
import type { MunicipalityBoundaries } from '../boundaries.ts';
import type { Problem, RawDataset } from '../dataset-validation.ts';
import { validateDataset } from '../dataset-validation.ts';
import { testCompany, testExchange, testResource, testStream } from './records.ts';

export const CURRENT_YEAR = 2026;

/** A tiny synthetic "municipality 0326" square around the fixture's Kalundborg points. */
export const boundaries: MunicipalityBoundaries = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [11.0, 55.6],
            [11.2, 55.6],
            [11.2, 55.7],
            [11.0, 55.7],
            [11.0, 55.6],
          ],
        ],
      },
      properties: { komkode: '0326', komnavn: 'Kalundborg' },
    },
  ],
};

export function resource(id: string, colour: string) {
  return testResource(id, { colour, maxTransportKm: 5, transportReason: 'Only neighbours can take it.' });
}

export function company(id: string, coordinates: [number, number]) {
  return testCompany(
    id,
    {
      partnerSince: 1982,
      membershipSource: ['https://example.org/members'],
      locationAccuracy: 'approx-1km',
      description: { da: 'Test.', en: 'Test.' },
      streams: [testStream(`${id}-out-steam`, { startYear: 1982 })],
    },
    coordinates,
  );
}

export function fixture() {
  return {
    resources: [resource('steam', '#D55E00'), resource('district-heat', '#E69F00')],
    companies: {
      type: 'FeatureCollection',
      features: [company('power-station', [11.08, 55.66]), company('pharma', [11.12, 55.67])],
    },
    exchanges: [
      testExchange('power-station-steam-to-pharma', {
        from: 'power-station',
        to: 'pharma',
        status: 'historic',
        startYear: 1982,
        endYear: 2019,
        quantity: { value: 1000, unit: 'MWh/yr', referenceYear: 2010 },
        source: ['https://example.org/steam'],
      }),
    ],
    impactFigures: [
      {
        id: 'co2-avoided-2010',
        metric: 'co2',
        label: { da: 'CO₂', en: 'CO₂' },
        value: 275000,
        unit: 't/yr',
        year: 2010,
        scope: { da: 'Alt', en: 'All' },
        companyIds: ['power-station'],
        headline: true,
        method: 'test fixture',
        source: ['https://example.org/figures'],
        verification: 'verified',
        visibility: 'public',
      },
    ],
  };
}

export type Fixture = ReturnType<typeof fixture>;

/** Validates a deliberately broken copy of the fixture. */
export function problemsAfter(
  breakIt: (data: Fixture) => void,
  withBoundaries = true,
  outlines: MunicipalityBoundaries = boundaries,
): Problem[] {
  const data = structuredClone(fixture());
  breakIt(data);
  return validateDataset(data as RawDataset, {
    currentYear: CURRENT_YEAR,
    boundaries: withBoundaries ? outlines : null,
  });
}

export function firstCompany(data: Fixture) {
  const feature = data.companies.features[0];
  if (!feature) throw new Error('fixture has no company');
  return feature;
}

export function firstExchange(data: Fixture) {
  const exchange = data.exchanges[0];
  if (!exchange) throw new Error('fixture has no exchange');
  return exchange;
}
