// The index engine against the naive all-pairs oracle: the same candidates, in the same order, for every
// query, on the real dataset and on hundreds of random regions built to hit the engine's edge cases.
import { distance } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { committedDataset } from '../../../tests/support/committed-dataset.ts';
import type { Quantity, Visibility } from '../common.ts';
import type { CompanyKind, StreamStatus } from '../company.ts';
import type { ExchangeStatus } from '../exchange.ts';
import type { Dataset } from '../schema.ts';
import type {
  BestPerCompanyOptions,
  CandidateExchange,
  CompanyCandidates,
  MatchableCompany,
  MatchableExchange,
  MatchableResource,
  MatchableStream,
  MatchingDataset,
} from './index.ts';
import {
  allCandidatesNaive,
  bestPerCompanyNaive,
  cachedPoint,
  compareCandidates,
  createMatchingIndex,
  kmBetween,
} from './index.ts';

// ——— Synthetic data: seeded, so a failure reproduces ——————————————————————————————————————————————————————

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function syntheticQuantity(random: () => number, unit: string): Quantity {
  if (random() < 0.5) return { value: null, unit };
  const value = Math.round(random() * 10_000);
  // Some energy figures reported in GJ, as real sources do, so conversion is exercised too.
  if (unit === 'MWh/yr' && random() < 0.3) return { value: value * 3.6, unit: 'GJ/yr', approximate: true };
  return { value, unit };
}

const STATUSES: StreamStatus[] = ['active', 'active', 'active', 'planned', 'historic'];
const VISIBILITY_MIX: Visibility[] = ['public', 'public', 'partners', 'secretariat'];
const EXCHANGE_STATUSES: ExchangeStatus[] = ['existing', 'proposed', 'rejected', 'candidate', 'historic'];

/** Companies on a box around the three municipalities (55.3–56.1 N, 10.9–12.2 E) with 1–3 streams each. */
function syntheticDataset(count: number, resources: readonly MatchableResource[], seed = 7): MatchingDataset {
  const random = mulberry32(seed);
  const companies = Array.from({ length: count }, (_, i): MatchableCompany => {
    const streams = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j): MatchableStream => {
      const resource = pick(random, resources);
      return {
        id: `s${i}-${j}`,
        direction: random() < 0.5 ? 'output' : 'input',
        resourceId: resource.id,
        status: pick(random, STATUSES),
        quantity: syntheticQuantity(random, resource.canonicalUnit),
        visibility: pick(random, VISIBILITY_MIX),
      };
    });
    return {
      id: `c${i}`,
      lon: 10.9 + random() * 1.3,
      lat: 55.3 + random() * 0.8,
      kind: random() < 0.03 ? 'natural-source' : 'company',
      locationAccuracy: random() < 0.1 ? 'region' : 'approx-1km',
      visibility: pick(random, VISIBILITY_MIX),
      streams,
    };
  });
  return { companies, resources, exchanges: syntheticExchanges(random, companies, count / 4) };
}

/** Exchanges between companies that could really be linked (an output and an input of one resource). */
function syntheticExchanges(random: () => number, companies: MatchableCompany[], count: number) {
  const receivers = new Map<string, MatchableCompany[]>();
  for (const c of companies) {
    for (const s of c.streams)
      if (s.direction === 'input') receivers.set(s.resourceId, [...(receivers.get(s.resourceId) ?? []), c]);
  }
  const givers = companies.flatMap((c) =>
    c.streams.filter((s) => s.direction === 'output').map((s) => ({ c, s })),
  );
  return Array.from({ length: count }, (_, i): MatchableExchange => {
    const { c: from, s: output } = pick(random, givers);
    const to = pick(random, receivers.get(output.resourceId) ?? [from]);
    const status = pick(random, EXCHANGE_STATUSES);
    return {
      id: `x${i}`,
      from: from.id,
      to: to.id,
      resourceId: output.resourceId,
      status,
      visibility: pick(random, VISIBILITY_MIX),
    };
  });
}

/** Equal, and when not, the first differing candidate rather than a diff of 100,000 objects. */
function expectSameCandidates(actual: CandidateExchange[], expected: CandidateExchange[]): void {
  expect(actual.length).toBe(expected.length);
  const first = actual.findIndex((c, i) => JSON.stringify(c) !== JSON.stringify(expected[i]));
  expect(first === -1 ? null : { at: first, actual: actual[first], expected: expected[first] }).toBeNull();
}

function expectSorted(list: CandidateExchange[]): void {
  const wrong = list.findIndex(
    (c, i) => i > 0 && compareCandidates(list[i - 1] as CandidateExchange, c) >= 0,
  );
  expect(wrong).toBe(-1);
}

let real: Dataset;

beforeAll(async () => {
  real = await committedDataset();
});

describe('the spatial index gives exactly what the naive all-pairs search gives', () => {
  it('measures distance bit for bit as turf does', () => {
    const random = mulberry32(11);
    for (let i = 0; i < 10_000; i++) {
      const a = { lon: -180 + random() * 360, lat: -90 + random() * 180 };
      const b = {
        lon: a.lon + (random() - 0.5) * 4,
        lat: Math.max(-90, Math.min(90, a.lat + (random() - 0.5) * 4)),
      };
      const km = kmBetween(cachedPoint(a.lon, a.lat), cachedPoint(b.lon, b.lat));
      expect(km).toBe(distance([a.lon, a.lat], [b.lon, b.lat]));
    }
  });

  it('on the real dataset, with and without options', () => {
    const index = createMatchingIndex(real);
    expectSameCandidates(index.allCandidates(), allCandidatesNaive(real));
    for (const options of [
      { maxKm: 10 },
      { resourceId: 'surplus-heat' },
      { limit: 10 },
      { visibleTo: 'public' as const },
    ]) {
      expectSameCandidates(index.allCandidates(options), allCandidatesNaive(real, options));
    }
  });

  it('on 2,000 random companies around the three municipalities', { timeout: 60_000 }, () => {
    const synthetic = syntheticDataset(2000, real.resources);
    const index = createMatchingIndex(synthetic);
    const indexed = index.allCandidates();
    expect(indexed.length).toBeGreaterThan(10_000);
    // The data exercises every rule, or the comparison would prove little.
    expect(indexed.filter((c) => c.existingExchangeStatus === 'existing').length).toBeGreaterThan(10);
    expect(indexed.filter((c) => c.existingExchangeStatus === 'proposed').length).toBeGreaterThan(10);
    expect(indexed.filter((c) => c.previouslyRejected).length).toBeGreaterThan(10);
    expect(indexed.filter((c) => c.recordedCandidateId).length).toBeGreaterThan(10);
    expect(indexed.filter((c) => c.matchedQuantity.value !== null).length).toBeGreaterThan(1000);
    expect(indexed.filter((c) => c.impact?.value).length).toBeGreaterThan(100);
    expect(indexed.filter((c) => c.distanceKm < 5 && c.maxTransportKm === 5).length).toBeGreaterThan(10);
    expectSorted(indexed);
    expectSameCandidates(indexed, allCandidatesNaive(synthetic));
    for (const options of [
      { limit: 1 },
      { limit: 50 },
      { limit: 2000, resourceId: 'surplus-heat' },
      { maxKm: 8, includeExisting: false },
      { visibleTo: 'partners' as const },
    ]) {
      expectSameCandidates(index.allCandidates(options), allCandidatesNaive(synthetic, options));
    }
    const someone = 'c17';
    const theirs = indexed.filter((c) => c.fromCompanyId === someone || c.toCompanyId === someone);
    expect(theirs.length).toBeGreaterThan(10);
    expectSameCandidates(index.candidatesFor(someone), theirs);
    expectSameCandidates(index.candidatesFor(someone, { limit: 5 }), theirs.slice(0, 5));
  });

  it('best k per company for 2,000 random companies, thousands of searches at once', {
    timeout: 60_000,
  }, () => {
    const synthetic = syntheticDataset(2000, real.resources, 8);
    const index = createMatchingIndex(synthetic);
    for (const options of [{}, { perCompany: 3, visibleTo: 'partners' as const }, { perCompany: 25 }]) {
      const lists = [...index.bestPerCompany(options)];
      const expected = bestPerCompanyNaive(synthetic, options);
      expect(lists.length).toBe(expected.length);
      const byId = new Map(lists.map((company) => [company.companyId, company.candidates]));
      for (const company of expected) {
        expectSameCandidates(byId.get(company.companyId) ?? [], company.candidates);
      }
    }
  });
});

// ——— Random regions built to hit the engine's edge cases ——————————————————————————————————————————————————

/** Transport limits from a steam pipe's to CO₂ shipping's, so that some searches end at once, others never. */
const TRANSPORT_KM = [0.3, 2, 5, 15, 50, 300, 1500];
const UNITS: MatchableResource['canonicalUnit'][] = ['MWh/yr', 't/yr', 'm3/yr'];
/** Few distinct values, so that fits tie; 0 and GJ (converted) and a unit that does not convert, too. */
const VALUES = [0, 1, 2, 10, 10, 100, 250, 1000, 1000, 3600];
const KINDS: CompanyKind[] = ['company', 'company', 'company', 'utility', 'natural-source'];
/**
 * Kebab-case stream ids (as the schema requires: a candidate id joins two with "--") where one is often a
 * prefix of another, since that is where the order of candidate ids is subtle.
 */
const ID_PARTS = ['a', 'b', '1', 'ab'];

function uniqueId(random: () => number, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const length = 1 + Math.floor(random() * 3);
    const id = [
      ...Array.from({ length }, () => pick(random, ID_PARTS)),
      ...(attempt > 5 ? [attempt] : []),
    ].join('-');
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function randomQuantity(random: () => number, unit: string): Quantity {
  const roll = random();
  if (roll < 0.45) return { value: null, unit };
  const value = pick(random, VALUES);
  if (roll < 0.55 && unit === 'MWh/yr') return { value: value * 3.6, unit: 'GJ/yr' };
  if (roll < 0.6) return { value, unit: 'pieces/yr' };
  return roll < 0.7 ? { value, unit, approximate: true } : { value, unit };
}

/** Up to `maxCompanies` companies in a box from a few hundred metres to a few hundred km wide. */
function randomRegion(seed: number, maxCompanies: number): MatchingDataset {
  const random = mulberry32(seed);
  const resources: MatchableResource[] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => ({
    id: `r${i}`,
    canonicalUnit: pick(random, UNITS),
    maxTransportKm: pick(random, TRANSPORT_KM),
  }));
  const span = pick(random, [0.005, 0.05, 0.3, 1, 3]);
  // On a grid, many pairs lie exactly as far apart as others: ties on distance, then on score.
  const grid = random() < 0.4 ? span / 8 : 0;
  const snap = (value: number) => (grid > 0 ? Math.round(value / grid) * grid : value);
  const count = Math.floor(random() * (maxCompanies + 1));
  const streamIds = new Set<string>();
  const companies: MatchableCompany[] = [];
  for (let i = 0; i < count; i++) {
    const twin = companies.length > 0 && random() < 0.15 ? pick(random, companies) : null;
    const streams = Array.from({ length: Math.floor(random() * 5) }, (): MatchableStream => {
      const resource =
        random() < 0.97 ? pick(random, resources) : { id: 'undefined-resource', canonicalUnit: 't/yr' };
      return {
        id: uniqueId(random, streamIds),
        direction: random() < 0.5 ? 'output' : 'input',
        resourceId: resource.id,
        status: pick(random, STATUSES),
        quantity: randomQuantity(random, resource.canonicalUnit),
        visibility: pick(random, VISIBILITY_MIX),
      };
    });
    companies.push({
      id: `c${i}`,
      // A twin shares its point exactly: a distance of 0, and equal distances to everyone else.
      lon: twin ? twin.lon : snap(11 + random() * span),
      lat: twin ? twin.lat : snap(55.5 + random() * span * 0.6),
      kind: pick(random, KINDS),
      locationAccuracy: random() < 0.1 ? 'site-unknown' : 'exact',
      visibility: pick(random, VISIBILITY_MIX),
      streams,
    });
  }
  // Mostly between a giver and a receiver of the same resource, so that novelty matters; some dangling.
  const givers = companies.flatMap((c) =>
    c.streams.filter((s) => s.direction === 'output').map((s) => ({ c, s })),
  );
  const exchanges: MatchableExchange[] = Array.from({ length: Math.floor(random() * count) }, (_, i) => {
    const giver = givers.length > 0 && random() < 0.8 ? pick(random, givers) : null;
    const receivers = companies.filter((c) =>
      c.streams.some((s) => s.direction === 'input' && s.resourceId === giver?.s.resourceId),
    );
    const from = giver?.c.id ?? (companies.length > 0 ? pick(random, companies).id : 'nobody');
    const to = receivers.length > 0 && random() < 0.9 ? pick(random, receivers).id : 'nobody';
    return {
      id: `x${Math.floor(random() * 1000)}-${i}`,
      from,
      to,
      resourceId: giver?.s.resourceId ?? pick(random, resources).id,
      status: pick(random, EXCHANGE_STATUSES),
      visibility: pick(random, VISIBILITY_MIX),
    };
  });
  return { companies, resources, exchanges };
}

function randomOptions(random: () => number, dataset: MatchingDataset): BestPerCompanyOptions {
  const options: BestPerCompanyOptions = {};
  if (random() < 0.7) options.perCompany = pick(random, [0, 1, 2, 3, 5, 10, 25]);
  if (random() < 0.4) options.visibleTo = pick(random, ['public', 'partners', 'secretariat'] as const);
  if (random() < 0.3) options.includeExisting = false;
  if (random() < 0.2) options.maxKm = pick(random, [0, 0.5, 3, 40]);
  if (random() < 0.15) options.resourceId = pick(random, [...dataset.resources.map((r) => r.id), 'unknown']);
  return options;
}

const json = (value: unknown) => JSON.stringify(value);

/** The lists by company id: the engine visits companies in its own order, the naive one in dataset order. */
const byCompany = (lists: Iterable<CompanyCandidates>) =>
  json([...lists].sort((a, b) => (a.companyId < b.companyId ? -1 : a.companyId > b.companyId ? 1 : 0)));

describe('on 250 random regions, every query gives exactly what the naive engine gives', () => {
  const regions = Array.from({ length: 250 }, (_, seed) => seed + 1);

  it('best k per company, the global best N, one company, and the stream of all', { timeout: 60_000 }, () => {
    const seen = { candidates: 0, ties: 0, existing: 0, rejected: 0, known: 0, zeroKm: 0 };
    for (const seed of regions) {
      const region = randomRegion(seed, pick(mulberry32(seed * 7), [3, 12, 40, 120]));
      const random = mulberry32(seed * 31);
      const options = randomOptions(random, region);
      const index = createMatchingIndex(region);
      const context = `region seed ${seed}, options ${json(options)}`;

      const expected = bestPerCompanyNaive(region, options);
      const lists = [...index.bestPerCompany(options)];
      expect(lists.length, context).toBe(new Set(lists.map((c) => c.companyId)).size);
      expect(byCompany(lists), context).toBe(byCompany(expected));

      const { perCompany: _k, ...listOptions } = options;
      const everything = allCandidatesNaive(region, listOptions);
      for (const limit of [0, 1, 7, 100]) {
        expect(json(index.allCandidates({ ...listOptions, limit })), `${context}, best ${limit}`).toBe(
          json(everything.slice(0, limit)),
        );
      }
      const streamed = [...index.eachCandidate(listOptions)];
      expect(json([...streamed].sort(compareCandidates)), context).toBe(json(everything));

      const someone = expected[Math.floor(random() * expected.length)];
      if (someone) {
        const limit = options.perCompany ?? 10;
        expect(json(index.candidatesFor(someone.companyId, { ...listOptions, limit })), context).toBe(
          json(someone.candidates),
        );
      }

      seen.candidates += everything.length;
      seen.ties += everything.filter(
        (c, i) =>
          i > 0 && c.score === everything[i - 1]?.score && c.distanceKm === everything[i - 1]?.distanceKm,
      ).length;
      seen.existing += everything.filter((c) => c.existingExchangeId).length;
      seen.rejected += everything.filter((c) => c.previouslyRejected).length;
      seen.known += everything.filter((c) => c.matchedQuantity.value !== null).length;
      seen.zeroKm += everything.filter((c) => c.distanceKm === 0).length;
    }
    // The regions exercise what they are meant to, or the comparison would prove little.
    expect(seen.candidates).toBeGreaterThan(20_000);
    expect(seen.ties).toBeGreaterThan(5000);
    expect(seen.existing).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(60);
    expect(seen.known).toBeGreaterThan(1000);
    expect(seen.zeroKm).toBeGreaterThan(100);
  });

  it('streams every candidate giver by giver, each giver best first, in the order of best k per company', () => {
    const index = createMatchingIndex(randomRegion(4242, 120));
    const order = new Map([...index.bestPerCompany()].map((company, i) => [company.companyId, i]));
    const streamed = [...index.eachCandidate()];
    expect(streamed.length).toBeGreaterThan(100);
    streamed.forEach((candidate, i) => {
      const previous = streamed[i - 1];
      if (!previous) return;
      const [before, now] = [
        order.get(previous.fromCompanyId) ?? -1,
        order.get(candidate.fromCompanyId) ?? -1,
      ];
      expect(now).toBeGreaterThanOrEqual(before);
      if (now === before) expect(compareCandidates(previous, candidate)).toBeLessThan(0);
    });
  });
});
