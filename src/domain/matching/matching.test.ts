import { destination, distance } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDataset } from '../../../tests/support/committed-dataset.ts';
import type { Quantity } from '../common.ts';
import type { CompanyKind, StreamDirection, StreamStatus } from '../company.ts';
import type { ExchangeStatus } from '../exchange.ts';
import { HEAT_REPLACING_NATURAL_GAS } from '../impact-factors.ts';
import type { Dataset } from '../schema.ts';
import type {
  CandidateExchange,
  MatchableCompany,
  MatchableExchange,
  MatchableResource,
  MatchableStream,
  MatchingDataset,
} from './index.ts';
import { candidateScore, createMatchingIndex, distanceDecay, NEUTRAL_QUANTITY_FIT } from './index.ts';

// ——— Fixtures ———————————————————————————————————————————————————————————————————————————————————————————————

/** Transport distances as in geodata/resources.json, so the fixtures read like the real atlas. */
const RESOURCES: MatchableResource[] = [
  { id: 'steam', canonicalUnit: 'MWh/yr', maxTransportKm: 5 },
  { id: 'surplus-heat', canonicalUnit: 'MWh/yr', maxTransportKm: 50 },
  { id: 'surface-water', canonicalUnit: 'm3/yr', maxTransportKm: 30 },
  { id: 'fgd-gypsum', canonicalUnit: 't/yr', maxTransportKm: 300 },
  { id: 'biogas', canonicalUnit: 'm3/yr', maxTransportKm: 100 },
];

const ASNAES: [number, number] = [11.0809, 55.6615];

/** A point `km` east (or along `bearing`) of `from`. */
function at(km: number, from: [number, number] = ASNAES, bearing = 90): [number, number] {
  const [lon, lat] = destination(from, km, bearing, { units: 'kilometers' }).geometry.coordinates;
  return [lon ?? Number.NaN, lat ?? Number.NaN];
}

function stream(
  id: string,
  direction: StreamDirection,
  resourceId: string,
  quantity: Quantity | number | null = null,
  status: StreamStatus = 'active',
): MatchableStream {
  const unit = RESOURCES.find((r) => r.id === resourceId)?.canonicalUnit ?? 't/yr';
  const q: Quantity =
    quantity === null
      ? { value: null, unit }
      : typeof quantity === 'number'
        ? { value: quantity, unit }
        : quantity;
  return { id, direction, resourceId, status, quantity: q };
}

function company(
  id: string,
  [lon, lat]: [number, number],
  streams: MatchableStream[],
  kind: CompanyKind = 'company',
): MatchableCompany {
  return { id, lon, lat, kind, role: 'partner', streams };
}

function exchange(from: string, to: string, resourceId: string, status: ExchangeStatus): MatchableExchange {
  return { id: `${from}-${resourceId}-to-${to}-${status}`, from, to, resourceId, status };
}

function data(companies: MatchableCompany[], exchanges: MatchableExchange[] = []): MatchingDataset {
  return { companies, resources: RESOURCES, exchanges };
}

/** A giver and a receiver of one resource, `km` apart. */
function pairApart(km: number, resourceId: string, out: Quantity | number | null = null, need = out) {
  return data([
    company('giver', ASNAES, [stream('giver-out', 'output', resourceId, out)]),
    company('receiver', at(km), [stream('receiver-in', 'input', resourceId, need)]),
  ]);
}

function candidates(dataset: MatchingDataset): CandidateExchange[] {
  return createMatchingIndex(dataset).allCandidates();
}

function only(list: CandidateExchange[]): CandidateExchange {
  expect(list).toHaveLength(1);
  const [first] = list;
  if (!first) throw new Error('expected one candidate');
  return first;
}

// ——— Behaviour ————————————————————————————————————————————————————————————————————————————————————————————

describe('which streams match', () => {
  it('matches a steam output with a steam input 2 km away', () => {
    const candidate = only(candidates(pairApart(2, 'steam')));
    expect(candidate).toMatchObject({
      id: 'cand-giver-out--receiver-in',
      fromCompanyId: 'giver',
      toCompanyId: 'receiver',
      outputStreamId: 'giver-out',
      inputStreamId: 'receiver-in',
      resourceId: 'steam',
      distanceKm: 2,
      maxTransportKm: 5,
    });
  });

  it('does not match steam 20 km away: steam travels at most 5 km', () => {
    expect(candidates(pairApart(20, 'steam'))).toEqual([]);
  });

  it('matches surface water 20 km away: water is piped up to 30 km', () => {
    expect(only(candidates(pairApart(20, 'surface-water'))).distanceKm).toBe(20);
  });

  it('never matches a company with itself', () => {
    const both = company('both', ASNAES, [
      stream('o', 'output', 'steam', 10),
      stream('i', 'input', 'steam', 10),
    ]);
    expect(candidates(data([both]))).toEqual([]);
  });

  it('only matches streams of the same resource', () => {
    const dataset = data([
      company('giver', ASNAES, [stream('heat-out', 'output', 'surplus-heat')]),
      company('receiver', at(1), [stream('steam-in', 'input', 'steam')]),
    ]);
    expect(candidates(dataset)).toEqual([]);
  });

  it('leaves historic streams out and lets planned ones in', () => {
    const dataset = data([
      company('giver', ASNAES, [stream('old-out', 'output', 'steam', null, 'historic')]),
      company('newcomer', at(1), [stream('planned-out', 'output', 'steam', null, 'planned')]),
      company('receiver', at(2), [stream('in', 'input', 'steam')]),
    ]);
    expect(candidates(dataset).map((c) => c.outputStreamId)).toEqual(['planned-out']);
  });

  it('lets a natural source give but never receive', () => {
    const dataset = data([
      company(
        'lake',
        ASNAES,
        [stream('lake-out', 'output', 'surface-water'), stream('lake-in', 'input', 'surface-water')],
        'natural-source',
      ),
      company('plant', at(10), [
        stream('plant-in', 'input', 'surface-water'),
        stream('plant-out', 'output', 'surface-water'),
      ]),
    ]);
    expect(candidates(dataset).map((c) => c.id)).toEqual(['cand-lake-out--plant-in']);
  });

  it('ignores streams of resources the dataset does not define', () => {
    const dataset = data([
      company('giver', ASNAES, [stream('o', 'output', 'unobtainium')]),
      company('receiver', at(1), [stream('i', 'input', 'unobtainium')]),
    ]);
    expect(candidates(dataset)).toEqual([]);
  });
});

describe('matched quantity', () => {
  it('keeps an unknown quantity unknown and gives it the neutral fit', () => {
    const candidate = only(candidates(pairApart(1, 'surplus-heat', null, 5000)));
    expect(candidate.matchedQuantity).toEqual({ value: null, unit: 'MWh/yr' });
    expect(candidate.scoreParts.quantityFit).toBe(NEUTRAL_QUANTITY_FIT);
  });

  it('matches the smaller of two known quantities; the fit is matched / larger', () => {
    const candidate = only(candidates(pairApart(1, 'surplus-heat', 1000, 4000)));
    expect(candidate.matchedQuantity).toEqual({ value: 1000, unit: 'MWh/yr' });
    expect(candidate.scoreParts.quantityFit).toBe(0.25);
  });

  it('compares GJ/yr with MWh/yr in the canonical unit (1 MWh = 3.6 GJ)', () => {
    const out = { value: 3600, unit: 'GJ/yr' };
    const candidate = only(candidates(pairApart(1, 'surplus-heat', out, 2000)));
    expect(candidate.matchedQuantity).toEqual({ value: 1000, unit: 'MWh/yr' });
    expect(candidate.scoreParts.quantityFit).toBe(0.5);
  });

  it('leaves quantities in units that do not compare unknown', () => {
    const candidate = only(candidates(pairApart(1, 'fgd-gypsum', 100, { value: 100, unit: 'm3/yr' })));
    expect(candidate.matchedQuantity).toEqual({ value: null, unit: 't/yr' });
    expect(candidate.scoreParts.quantityFit).toBe(NEUTRAL_QUANTITY_FIT);
  });

  it('carries "approximate" from either side', () => {
    const candidate = only(
      candidates(pairApart(1, 'fgd-gypsum', { value: 10, unit: 't/yr', approximate: true }, 50)),
    );
    expect(candidate.matchedQuantity).toEqual({ value: 10, unit: 't/yr', approximate: true });
  });
});

describe('score', () => {
  it('decays by half every third of the transport distance', () => {
    expect(distanceDecay(0, 30)).toBe(1);
    expect(distanceDecay(10, 30)).toBeCloseTo(0.5, 12);
    expect(distanceDecay(30, 30)).toBeCloseTo(0.125, 12);
  });

  it('is distance decay × quantity fit × novelty, and the parts explain it', () => {
    const candidate = only(candidates(pairApart(10, 'surface-water', 300, 600)));
    expect(candidate.scoreParts).toEqual({ distanceDecay: 0.5, quantityFit: 0.5, noveltyFactor: 1 });
    expect(candidate.score).toBe(0.25);
    expect(candidateScore(candidate.scoreParts)).toBe(candidate.score);
  });

  it('marks a candidate an existing exchange already covers, with zero novelty', () => {
    const dataset = pairApart(2, 'steam');
    dataset.exchanges = [exchange('giver', 'receiver', 'steam', 'existing')];
    const candidate = only(candidates(dataset));
    expect(candidate).toMatchObject({
      existingExchangeId: 'giver-steam-to-receiver-existing',
      existingExchangeStatus: 'existing',
      score: 0,
    });
    expect(candidate.scoreParts.noveltyFactor).toBe(0);
    expect(createMatchingIndex(dataset).allCandidates({ includeExisting: false })).toEqual([]);
  });

  it('treats a proposed exchange as already being pursued', () => {
    const dataset = pairApart(2, 'steam');
    dataset.exchanges = [exchange('giver', 'receiver', 'steam', 'proposed')];
    expect(only(candidates(dataset))).toMatchObject({ existingExchangeStatus: 'proposed', score: 0 });
  });

  it('ranks a previously rejected pair low but keeps it visible', () => {
    const dataset = pairApart(0, 'steam');
    dataset.exchanges = [exchange('giver', 'receiver', 'steam', 'rejected')];
    const candidate = only(candidates(dataset));
    expect(candidate).toMatchObject({
      previouslyRejected: true,
      rejectedExchangeId: 'giver-steam-to-receiver-rejected',
    });
    expect(candidate.scoreParts.noveltyFactor).toBe(0.25);
    expect(candidate.score).toBe(0.125);
  });

  it('does not count an exchange in the other direction, of another resource, or one that has ended', () => {
    const dataset = pairApart(2, 'steam');
    dataset.exchanges = [
      exchange('receiver', 'giver', 'steam', 'existing'),
      exchange('giver', 'receiver', 'surplus-heat', 'existing'),
      exchange('giver', 'receiver', 'steam', 'historic'),
    ];
    const candidate = only(candidates(dataset));
    expect(candidate.existingExchangeId).toBeUndefined();
    expect(candidate.scoreParts.noveltyFactor).toBe(1);
  });

  it('links a recorded candidate exchange without lowering novelty', () => {
    const dataset = pairApart(2, 'steam');
    dataset.exchanges = [exchange('giver', 'receiver', 'steam', 'candidate')];
    const candidate = only(candidates(dataset));
    expect(candidate.recordedCandidateId).toBe('giver-steam-to-receiver-candidate');
    expect(candidate.scoreParts.noveltyFactor).toBe(1);
  });

  it('orders by score, then distance, then id', () => {
    const dataset = data([
      company('giver', ASNAES, [stream('g-out', 'output', 'surplus-heat', 1000)]),
      company('far', at(20), [stream('far-in', 'input', 'surplus-heat')]),
      company('near-b', at(5, ASNAES, 0), [stream('b-in', 'input', 'surplus-heat')]),
      company('near-a', at(5, ASNAES, 180), [stream('a-in', 'input', 'surplus-heat')]),
      company('fits', at(30), [stream('fits-in', 'input', 'surplus-heat', 1000)]),
    ]);
    // 5 km, unknown fit: 0.812 × 0.5 · 30 km, full fit: 0.287 × 1 · 20 km, unknown fit: 0.435 × 0.5.
    expect(candidates(dataset).map((c) => c.toCompanyId)).toEqual(['near-a', 'near-b', 'fits', 'far']);
  });
});

describe('estimated impact', () => {
  it('prices heat with the IPCC natural-gas factor and names its source', () => {
    const { impact } = only(candidates(pairApart(1, 'surplus-heat', 1000, 1000)));
    expect(impact?.value).toBe(224.4);
    expect(impact?.unit).toBe('t CO2e/yr');
    expect(impact?.factor.value).toBeCloseTo(0.2244, 10);
    expect(impact?.factor.source).toMatch(/IPCC 2006 Guidelines.*Vol\. 2.*Table 2\.2.*56,100 kg CO2\/TJ/);
    expect(impact?.factor.assumption).toMatch(/90 %/);
  });

  it('knows the factor but not the value when the heat quantity is unknown', () => {
    const { impact } = only(candidates(pairApart(1, 'steam')));
    expect(impact).toEqual({ value: null, unit: 't CO2e/yr', factor: HEAT_REPLACING_NATURAL_GAS });
  });

  it('counts water not abstracted and virgin gypsum not mined one for one', () => {
    expect(only(candidates(pairApart(5, 'surface-water', 700_000, 900_000))).impact).toMatchObject({
      value: 700_000,
      unit: 'm3/yr',
    });
    expect(only(candidates(pairApart(5, 'fgd-gypsum', 150_000, 200_000))).impact).toMatchObject({
      value: 150_000,
      unit: 't/yr',
    });
  });

  it('has no impact where no factor applies, rather than an invented one', () => {
    expect(only(candidates(pairApart(5, 'biogas', 1000, 1000))).impact).toBeNull();
  });
});

describe('options and visibility', () => {
  const dataset = data([
    company('giver', ASNAES, [
      stream('heat-out', 'output', 'surplus-heat'),
      stream('water-out', 'output', 'surface-water'),
    ]),
    company('near', at(4), [
      stream('near-heat', 'input', 'surplus-heat'),
      stream('near-water', 'input', 'surface-water'),
    ]),
    company('far', at(25), [stream('far-heat', 'input', 'surplus-heat')]),
  ]);
  const index = createMatchingIndex(dataset);

  it('caps the transport distance with maxKm, never extends it, and keeps the scores', () => {
    const all = index.allCandidates();
    const capped = index.allCandidates({ maxKm: 10 });
    expect(capped.map((c) => c.toCompanyId)).toEqual(['near', 'near']);
    expect(capped).toEqual(all.filter((c) => c.distanceKm <= 10));
    expect(index.allCandidates({ maxKm: 10_000 })).toEqual(all);
  });

  it('filters by resource and keeps the best `limit`', () => {
    expect(index.allCandidates({ resourceId: 'surface-water' }).map((c) => c.id)).toEqual([
      'cand-water-out--near-water',
    ]);
    expect(index.allCandidates({ resourceId: 'no-such-resource' })).toEqual([]);
    expect(index.allCandidates({ limit: 2 })).toEqual(index.allCandidates().slice(0, 2));
    expect(index.allCandidates({ limit: 0 })).toEqual([]);
  });

  it('finds the candidates of one company, as giver and as receiver', () => {
    expect(index.candidatesFor('far').map((c) => c.id)).toEqual(['cand-heat-out--far-heat']);
    expect(index.candidatesFor('giver')).toEqual(index.allCandidates());
    expect(index.candidatesFor('no-such-company')).toEqual([]);
  });

  it('hides what the caller may not see, and says who may see a candidate', () => {
    const hidden = data([
      company('giver', ASNAES, [{ ...stream('giver-out', 'output', 'steam'), visibility: 'secretariat' }]),
      company('receiver', at(1), [stream('receiver-in', 'input', 'steam')]),
    ]);
    const hiddenIndex = createMatchingIndex(hidden);
    expect(only(hiddenIndex.allCandidates()).visibility).toBe('secretariat');
    expect(hiddenIndex.allCandidates({ visibleTo: 'public' })).toEqual([]);
    expect(hiddenIndex.allCandidates({ visibleTo: 'secretariat' })).toHaveLength(1);
  });

  it('rejects options that make no sense', () => {
    expect(() => index.allCandidates({ limit: -1 })).toThrow(RangeError);
    expect(() => index.allCandidates({ limit: 1.5 })).toThrow(RangeError);
    expect(() => index.allCandidates({ maxKm: -3 })).toThrow(RangeError);
    expect(() => index.allCandidates({ maxKm: Number.NaN })).toThrow(RangeError);
  });

  it('refuses duplicate ids, which would give two candidates the same id', () => {
    const twice = company('twice', ASNAES, []);
    expect(() => createMatchingIndex(data([twice, twice]))).toThrow(/duplicate company id twice/);
    const a = company('a', ASNAES, [stream('s', 'output', 'steam')]);
    const b = company('b', at(1), [stream('s', 'input', 'steam')]);
    expect(() => createMatchingIndex(data([a, b]))).toThrow(/duplicate stream id s/);
  });
});

describe('what each query returns', () => {
  const hiddenReceiver = company('hidden', at(0.5), [stream('hidden-in', 'input', 'surplus-heat')]);
  const dataset = data([
    company('giver', ASNAES, [stream('g-out', 'output', 'surplus-heat')]),
    company('r1', at(1), [stream('r1-in', 'input', 'surplus-heat')]),
    company('r2', at(2), [stream('r2-in', 'input', 'surplus-heat')]),
    company('r3', at(3), [stream('r3-in', 'input', 'surplus-heat')]),
    company('bystander', at(1, ASNAES, 0), []),
    { ...hiddenReceiver, visibility: 'secretariat' },
  ]);
  const index = createMatchingIndex(dataset);
  const lists = (options = {}) =>
    Object.fromEntries(
      [...index.bestPerCompany(options)].map((c) => [c.companyId, c.candidates.map((x) => x.id)]),
    );

  it("lists every company's best k, as giver or receiver, and an empty list for a company without any", () => {
    expect(lists({ perCompany: 2 })).toEqual({
      giver: ['cand-g-out--hidden-in', 'cand-g-out--r1-in'],
      r1: ['cand-g-out--r1-in'],
      r2: ['cand-g-out--r2-in'],
      r3: ['cand-g-out--r3-in'],
      bystander: [],
      hidden: ['cand-g-out--hidden-in'],
    });
  });

  it('gives each company what its own candidate list would, 10 by default', () => {
    for (const { companyId, candidates: best } of index.bestPerCompany()) {
      expect(best).toEqual(index.candidatesFor(companyId, { limit: 10 }));
    }
  });

  it('leaves out the companies, and the candidates through companies, a caller may not see', () => {
    expect(lists({ perCompany: 2, visibleTo: 'public' })).toEqual({
      giver: ['cand-g-out--r1-in', 'cand-g-out--r2-in'],
      r1: ['cand-g-out--r1-in'],
      r2: ['cand-g-out--r2-in'],
      r3: ['cand-g-out--r3-in'],
      bystander: [],
    });
  });

  it('ranks the whole region for the global best N', () => {
    expect(index.allCandidates({ limit: 2 }).map((c) => c.toCompanyId)).toEqual(['hidden', 'r1']);
    expect(index.allCandidates({ limit: 2 })).toEqual(index.allCandidates().slice(0, 2));
  });

  it('streams every candidate lazily, giver by giver', () => {
    const stream = index.eachCandidate({ visibleTo: 'public' });
    expect(stream.next().value?.id).toBe('cand-g-out--r1-in');
    expect([...stream].map((c) => c.toCompanyId)).toEqual(['r2', 'r3']);
  });

  it('lists each company once', () => {
    const ids = [...index.bestPerCompany()].map((c) => c.companyId);
    expect([...ids].sort()).toEqual(['bystander', 'giver', 'hidden', 'r1', 'r2', 'r3']);
  });

  it('rejects a count per company that makes no sense', () => {
    expect(() => index.bestPerCompany({ perCompany: -1 })).toThrow(RangeError);
    expect(() => index.bestPerCompany({ perCompany: 2.5 })).toThrow(RangeError);
  });
});

describe('partner search', () => {
  const centre = at(0);
  const dataset = data([
    company('steam-giver-1km', at(1), [stream('a', 'output', 'steam')]),
    company('steam-taker-2km', at(2), [stream('b', 'input', 'steam')]),
    company('steam-giver-3km', at(3, ASNAES, 200), [stream('c', 'output', 'steam')]),
    company('heat-giver-2km', at(2, ASNAES, 0), [stream('d', 'output', 'surplus-heat')]),
    company('steam-giver-12km', at(12), [stream('e', 'output', 'steam')]),
    company('old-steam-giver', at(1, ASNAES, 270), [stream('f', 'output', 'steam', null, 'historic')]),
    company('lake', at(4, ASNAES, 90), [stream('g', 'input', 'steam')], 'natural-source'),
  ]);
  const index = createMatchingIndex(dataset);
  const [lon, lat] = centre;

  it('finds only companies inside the radius, nearest first', () => {
    const found = index.partnersNear({ lon, lat, radiusKm: 5 });
    expect(found.map((p) => p.companyId)).toEqual([
      'steam-giver-1km',
      'heat-giver-2km',
      'steam-taker-2km',
      'steam-giver-3km',
    ]);
    for (const partner of found) {
      const site = dataset.companies.find((c) => c.id === partner.companyId);
      expect(site && distance(centre, [site.lon, site.lat])).toBeLessThanOrEqual(5);
    }
    expect(found.map((p) => p.distanceKm)).toEqual([1, 2, 2, 3]);
  });

  it('filters by resource and direction ("output" = companies that have it)', () => {
    const givers = index.partnersNear({ lon, lat, radiusKm: 20, resourceId: 'steam', direction: 'output' });
    expect(givers.map((p) => p.companyId)).toEqual([
      'steam-giver-1km',
      'steam-giver-3km',
      'steam-giver-12km',
    ]);
    expect(givers.map((p) => p.withinTransportRange)).toEqual([true, true, false]);
    const takers = index.partnersNear({ lon, lat, radiusKm: 20, resourceId: 'steam', direction: 'input' });
    expect(takers.map((p) => p.companyId)).toEqual(['steam-taker-2km']);
    expect(takers[0]?.streams).toEqual([
      { streamId: 'b', resourceId: 'steam', direction: 'input', quantity: { value: null, unit: 'MWh/yr' } },
    ]);
  });

  it('leaves out the searcher itself and respects the limit', () => {
    const found = index.partnersNear({
      lon,
      lat,
      radiusKm: 5,
      limit: 2,
      excludeCompanyId: 'steam-giver-1km',
    });
    expect(found.map((p) => p.companyId)).toEqual(['heat-giver-2km', 'steam-taker-2km']);
  });

  it('ranks a better quantity fit above a slightly shorter distance when the searcher gives a quantity', () => {
    const fit = data([
      company('near-small', at(1), [stream('small', 'input', 'surplus-heat', 10)]),
      company('farther-fits', at(2), [stream('fits', 'input', 'surplus-heat', 1000)]),
    ]);
    const found = createMatchingIndex(fit).partnersNear({
      lon,
      lat,
      radiusKm: 10,
      resourceId: 'surplus-heat',
      direction: 'input',
      quantity: { value: 1000, unit: 'MWh/yr' },
    });
    expect(found.map((p) => [p.companyId, p.scoreParts.quantityFit])).toEqual([
      ['farther-fits', 1],
      ['near-small', 0.01],
    ]);
  });

  it('rejects a query without a valid point or radius', () => {
    expect(() => index.partnersNear({ lon: 200, lat, radiusKm: 1 })).toThrow(RangeError);
    expect(() => index.partnersNear({ lon, lat, radiusKm: -1 })).toThrow(RangeError);
  });
});

// ——— The index against the naive oracle ——————————————————————————————————————————————————————————————————

let real: Dataset;

beforeAll(async () => {
  real = await committedDataset();
});

// ——— The real atlas ——————————————————————————————————————————————————————————————————————————————————————————

describe('on the real dataset', () => {
  it('offers Fors (Holbæk district heating) surplus heat from Kalundborg industry, nearest source first', () => {
    const heat = createMatchingIndex(real).candidatesFor('fors', { resourceId: 'surplus-heat' });
    const givers = heat.map((c) => c.fromCompanyId);
    expect(givers[0]).toBe('holbaek-wwtp');
    expect(givers).toEqual(
      expect.arrayContaining(['novo-nordisk-kalundborg', 'novonesis-kalundborg', 'kalundborg-forsyning']),
    );
    for (const candidate of heat.filter((c) => c.fromCompanyId.includes('kalundborg'))) {
      expect(candidate.distanceKm).toBeGreaterThan(30);
      expect(candidate.distanceKm).toBeLessThanOrEqual(50);
      expect(candidate.impact?.factor.id).toBe('heat-replacing-natural-gas');
    }
    const announced = heat.find((c) => c.fromCompanyId === 'kalundborg-forsyning');
    expect(announced?.recordedCandidateId).toBe('kalundborg-forsyning-surplus-heat-to-fors');
  });

  it("recognises Asnæs' steam deliveries as already flowing and leaves Inbicon's ended one out", () => {
    const steam = createMatchingIndex(real).candidatesFor('asnaes-power-station', { resourceId: 'steam' });
    expect(steam.map((c) => c.toCompanyId).sort()).toEqual([
      'kalundborg-refinery',
      'novo-nordisk-kalundborg',
      'novonesis-kalundborg',
    ]);
    for (const candidate of steam) {
      expect(candidate.existingExchangeStatus).toBe('existing');
      expect(candidate.score).toBe(0);
      expect(candidate.distanceKm).toBeLessThan(5);
    }
  });

  it('lets Lake Tissø supply surface water but never receive anything', () => {
    const lake = createMatchingIndex(real).candidatesFor('lake-tisso');
    expect(lake.length).toBeGreaterThan(0);
    expect(lake.every((c) => c.fromCompanyId === 'lake-tisso' && c.resourceId === 'surface-water')).toBe(
      true,
    );
  });

  it('flags an existing link only where the dataset records one', () => {
    const flagged = createMatchingIndex(real)
      .allCandidates()
      .filter((c) => c.existingExchangeId);
    expect(flagged.length).toBeGreaterThan(10);
    for (const candidate of flagged) {
      const recorded = real.exchanges.find((e) => e.id === candidate.existingExchangeId);
      expect(recorded).toMatchObject({
        from: candidate.fromCompanyId,
        to: candidate.toCompanyId,
        resourceId: candidate.resourceId,
      });
      expect(['existing', 'proposed']).toContain(recorded?.status);
    }
  });
});
