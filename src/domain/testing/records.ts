// Typed records for unit tests: each builder gives a valid, public, verified record with neutral values, so a
// test spells out only the fields it is about. dataset-fixture.ts builds a whole small dataset from them for
// the validator's specs to break.
import type { CompanyFeature, CompanyProperties, Stream } from '../company.ts';
import type { Exchange } from '../exchange.ts';
import type { CandidateExchange } from '../matching/types.ts';
import type { Resource } from '../resource.ts';

export function testResource(id: string, fields: Partial<Resource> = {}): Resource {
  return {
    id,
    label: { da: id, en: id },
    category: 'energy',
    colour: '#D55E00',
    canonicalUnit: 'MWh/yr',
    maxTransportKm: 50,
    transportReason: 'a test fixture distance',
    ...fields,
  };
}

/** An active output of steam, quantity unknown, years unknown. */
export function testStream(id: string, fields: Partial<Stream> = {}): Stream {
  return {
    id,
    direction: 'output',
    resourceId: 'steam',
    status: 'active',
    startYear: null,
    endYear: null,
    quantity: { value: null, unit: 'MWh/yr' },
    source: ['test fixture'],
    verification: 'verified',
    visibility: 'public',
    ...fields,
  };
}

/** A partner company in Kalundborg municipality with no streams, at Kalundborg harbour unless placed. */
export function testCompany(
  id: string,
  fields: Partial<CompanyProperties> = {},
  coordinates: [number, number] = [11.1, 55.66],
): CompanyFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: {
      id,
      name: id,
      aliases: [],
      kind: 'company',
      role: 'partner',
      partnerSince: null,
      partnerUntil: null,
      municipality: '0326',
      locationAccuracy: 'exact',
      locationSource: 'test fixture',
      nace: [],
      description: { da: id, en: id },
      source: ['test fixture'],
      visibility: 'public',
      streams: [],
      ...fields,
    },
  };
}

/** Steam flowing from `plant` to `factory` since 1990, quantity unknown. */
export function testExchange(id: string, fields: Partial<Exchange> = {}): Exchange {
  return {
    id,
    from: 'plant',
    to: 'factory',
    resourceId: 'steam',
    status: 'existing',
    startYear: 1990,
    endYear: null,
    quantity: { value: null, unit: 'MWh/yr' },
    impact: [],
    source: ['test fixture'],
    verification: 'verified',
    visibility: 'public',
    ...fields,
  };
}

/** A computed candidate for steam from `from`'s output to `to`'s input, 3 km apart, quantity unknown. */
export function testCandidate(
  id: string,
  from: string,
  to: string,
  fields: Partial<CandidateExchange> = {},
): CandidateExchange {
  return {
    id,
    fromCompanyId: from,
    toCompanyId: to,
    outputStreamId: `${from}-out`,
    inputStreamId: `${to}-in`,
    resourceId: 'steam',
    distanceKm: 3,
    maxTransportKm: 50,
    matchedQuantity: { value: null, unit: 'MWh/yr' },
    score: 0.5,
    scoreParts: { distanceDecay: 1, quantityFit: 0.5, noveltyFactor: 1 },
    impact: null,
    previouslyRejected: false,
    locationUncertain: false,
    visibility: 'public',
    ...fields,
  };
}
