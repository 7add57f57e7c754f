import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { committedDataset } from '../../../tests/support/committed-dataset.ts';
import type { Quantity } from '../../domain/common.ts';
import type { Exchange } from '../../domain/exchange.ts';
import { flowRecords } from '../../domain/flow-records.ts';
import { indexMapCompanies, toMapCompany } from '../../domain/map-companies.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import { indexResources } from '../../domain/resource.ts';
import { testCandidate, testCompany, testExchange, testResource } from '../../domain/testing/records.ts';
import { hexToRgba, markerPalette } from '../colour.ts';
import {
  buildFlowArcs,
  buildFlowMap,
  type FlowArc,
  MAX_DRAWN_ARCS,
  MAX_WIDTH_PX,
  MIN_WIDTH_PX,
  widthScale,
} from './flow-arcs.ts';

// ——— Fixtures ———————————————————————————————————————————————————————————————————————————————————————————————

const STEAM_COLOUR = '#D55E00';
const WATER_COLOUR = '#0072B2';

const mwh = (value: number | null): Quantity =>
  value === null ? { value: null, unit: 'MWh/yr' } : { value, unit: 'MWh/yr' };
const m3 = (value: number | null): Quantity =>
  value === null ? { value: null, unit: 'm3/yr' } : { value, unit: 'm3/yr' };

function candidate(
  id: string,
  from: string,
  to: string,
  matchedQuantity: Quantity = mwh(null),
): CandidateExchange {
  return testCandidate(id, from, to, {
    matchedQuantity,
    distanceKm: 4.21,
    maxTransportKm: 5,
    score: 0.42,
    scoreParts: { distanceDecay: 0.7, quantityFit: 0.6, noveltyFactor: 1 },
  });
}

const PLANT: [number, number] = [11.0809, 55.6615];
const FACTORY: [number, number] = [11.123, 55.669];
const FARM: [number, number] = [11.2, 55.7];

const resources = indexResources([
  testResource('steam', { colour: STEAM_COLOUR, canonicalUnit: 'MWh/yr' }),
  testResource('water', { colour: WATER_COLOUR, canonicalUnit: 'm3/yr' }),
]);
const companies = indexMapCompanies([
  toMapCompany(testCompany('plant', {}, PLANT)),
  toMapCompany(testCompany('factory', {}, FACTORY)),
  toMapCompany(testCompany('farm', {}, FARM)),
]);

const build = (exchanges: Exchange[], candidates: CandidateExchange[] = []) =>
  buildFlowArcs({ exchanges, candidates, companies, resources });

function only(arcs: FlowArc[], id: string): FlowArc {
  const arc = arcs.find((a) => a.id === id);
  if (!arc) throw new Error(`no arc ${id} among ${arcs.map((a) => a.id).join(', ')}`);
  return arc;
}

const rgb = (colour: readonly number[]) => colour.slice(0, 3);

// ——— Specs ——————————————————————————————————————————————————————————————————————————————————————————————————

describe('arc width', () => {
  it('grows with the quantity within one unit', () => {
    const width = widthScale([mwh(10), mwh(1_000), mwh(100_000)]);
    expect(width(mwh(10))).toBeLessThan(width(mwh(1_000)));
    expect(width(mwh(1_000))).toBeLessThan(width(mwh(100_000)));
  });

  it('gives the largest flow of each unit the full width', () => {
    const width = widthScale([mwh(500), mwh(80_000), m3(3), m3(2_000_000)]);
    expect(width(mwh(80_000))).toBe(MAX_WIDTH_PX);
    expect(width(m3(2_000_000))).toBe(MAX_WIDTH_PX);
  });

  it('never compares quantities of different units', () => {
    // 100 MWh is the largest energy flow even beside a million cubic metres of water.
    const width = widthScale([mwh(100), m3(1_000_000)]);
    expect(width(mwh(100))).toBe(MAX_WIDTH_PX);
    // Adding a bigger flow of another unit does not thin this one.
    expect(widthScale([mwh(100), mwh(50)])(mwh(50))).toBe(widthScale([mwh(100), mwh(50), m3(1e12)])(mwh(50)));
  });

  it('scales area-true: a quarter of the quantity is half the extra width', () => {
    const width = widthScale([mwh(400)]);
    const extra = (value: number) => width(mwh(value)) - width(mwh(0));
    expect(extra(100)).toBeCloseTo(extra(400) / 2, 10);
  });

  it('draws an unknown quantity thin, never as zero and never wider than a known one', () => {
    const width = widthScale([mwh(10), mwh(null)]);
    expect(width(mwh(null))).toBe(MIN_WIDTH_PX);
    expect(width(mwh(null))).toBeGreaterThan(0);
    expect(width(mwh(0))).toBeGreaterThan(width(mwh(null)));
  });

  it('draws a quantity known only as a band thin too', () => {
    const banded: Quantity = { value: null, unit: 'MWh/yr', band: { min: 1_000, max: 5_000 } };
    expect(widthScale([mwh(10), banded])(banded)).toBe(MIN_WIDTH_PX);
  });

  it('draws every flow thin when no quantity of its unit is known', () => {
    const width = widthScale([mwh(null), m3(100)]);
    expect(width(mwh(null))).toBe(MIN_WIDTH_PX);
    expect(width(mwh(0))).toBe(MIN_WIDTH_PX);
  });

  it('stays within the minimum and maximum for every arc', () => {
    const arcs = build([
      testExchange('a', { quantity: mwh(1) }),
      testExchange('b', { quantity: mwh(1e9) }),
      testExchange('c', { quantity: mwh(null) }),
      testExchange('d', { resourceId: 'water', quantity: m3(7) }),
    ]);
    for (const arc of arcs) {
      expect(arc.widthPx).toBeGreaterThanOrEqual(MIN_WIDTH_PX);
      expect(arc.widthPx).toBeLessThanOrEqual(MAX_WIDTH_PX);
    }
    expect(only(arcs, 'd').widthPx).toBe(MAX_WIDTH_PX);
  });

  it('ranks a candidate by its matched quantity among exchanges of the same unit', () => {
    const arcs = build(
      [testExchange('big', { quantity: mwh(10_000) })],
      [candidate('cand-small', 'plant', 'farm', mwh(100))],
    );
    expect(only(arcs, 'cand-small').widthPx).toBeLessThan(only(arcs, 'big').widthPx);
  });
});

describe('a dense region', () => {
  const exchanges = [
    testExchange('a-unknown', { quantity: mwh(null) }),
    testExchange('b-known', { quantity: mwh(50) }),
    testExchange('c-unknown', { quantity: mwh(null) }),
    testExchange('d-known', { quantity: mwh(5) }),
  ];
  const mapOf = (maxArcs?: number) =>
    buildFlowMap({
      records: flowRecords(exchanges, []),
      companies,
      resources,
      ...(maxArcs ? { maxArcs } : {}),
    });

  it('draws only the arcs that matter most past the cap, and counts the ones left out', () => {
    const capped = mapOf(2);
    expect(capped.arcs.map((arc) => arc.id).sort()).toEqual(['b-known', 'd-known']);
    expect(capped.leftOutArcCount).toBe(2);
  });

  it('leaves nothing out below the cap, which is a few thousand arcs', () => {
    expect(mapOf().arcs).toHaveLength(4);
    expect(mapOf().leftOutArcCount).toBe(0);
    expect(MAX_DRAWN_ARCS).toBeGreaterThanOrEqual(1000);
  });
});

describe('arc style by status', () => {
  const arcs = build(
    [
      testExchange('existing', { status: 'existing' }),
      testExchange('historic', { status: 'historic', from: 'factory', to: 'farm' }),
      testExchange('recorded-candidate', { status: 'candidate', from: 'farm', to: 'plant' }),
      testExchange('proposed', { status: 'proposed', from: 'plant', to: 'farm' }),
    ],
    [candidate('cand-plant-out--farm-in', 'plant', 'farm')],
  );

  it('dashes candidates, recorded and computed, and nothing else', () => {
    expect(arcs.filter((a) => a.dashed).map((a) => a.id)).toEqual([
      'recorded-candidate',
      'cand-plant-out--farm-in',
    ]);
  });

  it('cases proposals, and nothing else', () => {
    expect(arcs.filter((a) => a.cased).map((a) => a.id)).toEqual(['proposed']);
  });

  it('draws a current exchange solid and uncased, in its resource colour', () => {
    const arc = only(arcs, 'existing');
    expect(arc).toMatchObject({ dashed: false, cased: false, kind: 'exchange', status: 'existing' });
    expect(rgb(arc.colors.at(-1) ?? [])).toEqual(rgb(hexToRgba(STEAM_COLOUR)));
  });

  it('draws a historic exchange grey and fainter, whatever its resource', () => {
    const arc = only(arcs, 'historic');
    const grey = rgb(hexToRgba(markerPalette.historicArc));
    expect(arc.colors.every((colour) => rgb(colour).join() === grey.join())).toBe(true);
    const full = (a: FlowArc) => a.colors.at(-1)?.[3] ?? 0;
    expect(full(arc)).toBeLessThan(full(only(arcs, 'existing')));
  });

  it('marks computed candidates as such, with their score and distance', () => {
    expect(only(arcs, 'cand-plant-out--farm-in')).toMatchObject({
      kind: 'candidate',
      status: 'candidate',
      score: 0.42,
      distanceKm: 4.21,
      startYear: null,
      fromId: 'plant',
      toId: 'farm',
    });
  });

  it('colours an arc of an unknown resource neutral grey rather than failing', () => {
    const arc = only(build([testExchange('mystery', { resourceId: 'unobtainium' })]), 'mystery');
    expect(rgb(arc.colors[0] ?? [])).toEqual(rgb(hexToRgba('#777777')));
  });
});

describe('arc colour along the path', () => {
  const arc = only(build([testExchange('steam', {})]), 'steam');

  it('has one colour per vertex', () => {
    expect(arc.colors).toHaveLength(arc.path.length);
  });

  it('goes from faint at the giver to full at the receiver, never fading back', () => {
    const alphas = arc.colors.map((colour) => colour[3]);
    expect(alphas[0]).toBeLessThan(alphas.at(-1) ?? 0);
    for (let i = 1; i < alphas.length; i++) expect(alphas[i]).toBeGreaterThanOrEqual(alphas[i - 1] ?? 0);
    expect(alphas[0]).toBeGreaterThan(0);
    expect(alphas.at(-1)).toBeLessThanOrEqual(255);
  });

  it('keeps the resource hue all along', () => {
    expect(arc.colors.every((colour) => rgb(colour).join() === rgb(hexToRgba(STEAM_COLOUR)).join())).toBe(
      true,
    );
  });

  it('runs from the giver to the receiver', () => {
    expect(arc.path[0]).toEqual(PLANT);
    expect(arc.path.at(-1)).toEqual(FACTORY);
    expect(arc).toMatchObject({ fromId: 'plant', toId: 'factory' });
  });
});

describe('arcs whose ends are not on the map', () => {
  it('are skipped, for exchanges and candidates alike', () => {
    const arcs = build(
      [
        testExchange('drawn'),
        testExchange('to-nowhere', { to: 'secret-company' }),
        testExchange('from-nowhere', { from: 'secret-company' }),
      ],
      [candidate('cand-a--b', 'plant', 'secret-company'), candidate('cand-c--d', 'secret-company', 'farm')],
    );
    expect(arcs.map((a) => a.id)).toEqual(['drawn']);
  });
});

describe('sibling arcs', () => {
  it('between the same two companies never share a path', () => {
    const arcs = build([
      testExchange('steam', {}),
      testExchange('water', { resourceId: 'water' }),
      testExchange('back', { from: 'factory', to: 'plant' }),
    ]);
    expect(new Set(arcs.map((a) => JSON.stringify(a.path))).size).toBe(3);
  });

  it('in the real dataset never share a path either', async () => {
    const data = await committedDataset();
    const arcs = buildFlowArcs({
      exchanges: data.exchanges,
      candidates: [],
      companies: indexMapCompanies(data.companies.features.map(toMapCompany)),
      resources: indexResources(data.resources),
    });
    expect(arcs.length).toBe(data.exchanges.length);
    expect(arcs.every((a) => a.path.flat().every(Number.isFinite))).toBe(true);
    // Companies shown at one shared stand-in point (no site known) have zero-length arcs: nothing to fan out.
    const drawn = arcs.filter((a) => a.distanceKm > 0);
    expect(drawn.length).toBeGreaterThan(40);
    expect(new Set(drawn.map((a) => JSON.stringify(a.path))).size).toBe(drawn.length);
  });
});

describe('arc distance', () => {
  it('is the great-circle distance between the two companies, e.g. Asnæs Power Station → Novo Nordisk', async () => {
    const data = await committedDataset();
    const companies = indexMapCompanies(data.companies.features.map(toMapCompany));
    const steam = data.exchanges.find((e) => e.id === 'asnaes-steam-to-novo-nordisk');
    const asnaes = companies.get('asnaes-power-station');
    const novo = companies.get('novo-nordisk-kalundborg');
    if (!steam || !asnaes || !novo) throw new Error('the committed dataset lost Asnæs → Novo Nordisk steam');

    const [arc] = buildFlowArcs({
      exchanges: [steam],
      candidates: [],
      companies,
      resources: indexResources(data.resources),
    });
    const expected = distance([asnaes.lon, asnaes.lat], [novo.lon, novo.lat], {
      units: 'kilometers',
    });
    expect(expected).toBeGreaterThan(2);
    expect(expected).toBeLessThan(4);
    expect(arc?.distanceKm).toBeCloseTo(expected, 2);
    expect(arc?.distanceKm).toBe(Math.round(expected * 100) / 100);
  });

  it('is never drawn as a zero-length arc for a company that passes something to itself', () => {
    expect(build([testExchange('internal', { to: 'plant' })])).toEqual([]);
  });
});
