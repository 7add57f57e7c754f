import { describe, expect, it } from 'vitest';
import { estimateImpact } from '../impact-factors.ts';
import type { CandidateExchange } from '../matching/types.ts';
import { testCandidate, testExchange } from '../testing/records.ts';
import {
  computeScenario,
  outputStreamOf,
  ScenarioComputationSchema,
  ScenarioCreateSchema,
  ScenarioPatchSchema,
  todayTotals,
} from './scenario.ts';
import {
  estimateTransport,
  PIPED_HEAT_DISTRIBUTION,
  PIPED_WATER_SUPPLY,
  ROAD_HGV_AVERAGE_LADEN,
  transportModeFor,
} from './transport-factors.ts';

const noToday = todayTotals([], []);

/** A candidate moving `value` of `resourceId` over `km`, with its impact from the project's own factor. */
function moving(id: string, resourceId: string, value: number | null, unit: string, km: number) {
  const matchedQuantity = value === null ? { value: null, unit } : { value, unit };
  const ends = id.replace(/^cand-/, '').split('--');
  return testCandidate(id, `giver-${ends[0]}`, `taker-${ends[1]}`, {
    resourceId,
    distanceKm: km,
    matchedQuantity,
    impact: estimateImpact(resourceId, matchedQuantity),
  });
}

const byId = (...candidates: CandidateExchange[]) => new Map(candidates.map((c) => [c.id, c]));

describe('transport factors', () => {
  it('send heat, steam and water by pipe, gases by pipe, CO₂ by ship and everything else by road', () => {
    expect(transportModeFor({ id: 'surplus-heat' })).toBe('pipe');
    expect(transportModeFor({ id: 'cooling-water' })).toBe('pipe');
    expect(transportModeFor({ id: 'biogas' })).toBe('pipe');
    expect(transportModeFor({ id: 'co2' })).toBe('ship');
    expect(transportModeFor({ id: 'fgd-gypsum' })).toBe('road');
    expect(transportModeFor({ id: 'bioethanol' })).toBe('road');
  });

  it('each name a source, its year and address, and say what is assumed', () => {
    for (const factor of [ROAD_HGV_AVERAGE_LADEN, PIPED_HEAT_DISTRIBUTION, PIPED_WATER_SUPPLY]) {
      expect(factor.source).toMatch(/conversion factors 2025/);
      expect(factor.year).toBe(2025);
      expect(factor.sourceUrl).toMatch(/^https:\/\/www\.gov\.uk\//);
      expect(factor.assumption.length).toBeGreaterThan(40);
    }
  });

  it('by road multiply distance × tonnes × the factor per t·km', () => {
    // 10,000 t × 20 km × 0.10163 kg/t·km = 20,326 kg = 20.3 t CO₂e a year.
    const road = estimateTransport({ id: 'fgd-gypsum' }, 20, { value: 10_000, unit: 't/yr' });
    expect(road).toMatchObject({ mode: 'road', value: 20.3, unit: 't CO2e/yr', gap: null });
    expect(road.factor?.id).toBe('road-hgv-average-laden');
  });

  it('by pipe count per unit delivered, converting GJ to the factor’s MWh', () => {
    // 36,000 GJ = 10,000 MWh × 0.00945 t/MWh = 94.5 t CO₂e.
    const heat = estimateTransport({ id: 'surplus-heat' }, 12, { value: 36_000, unit: 'GJ/yr' });
    expect(heat).toMatchObject({ mode: 'pipe', value: 94.5, gap: null });
    // 1,000,000 m³ × 0.1913 kg/m³ = 191.3 t CO₂e.
    expect(estimateTransport({ id: 'cooling-water' }, 1, { value: 1e6, unit: 'm3/yr' }).value).toBe(191.3);
  });

  it('say why there is no figure instead of giving zero', () => {
    expect(estimateTransport({ id: 'co2' }, 600, { value: 280_000, unit: 't/yr' })).toMatchObject({
      value: null,
      gap: 'no-factor',
      factor: null,
    });
    expect(estimateTransport({ id: 'straw' }, 8, { value: null, unit: 't/yr' }).gap).toBe('quantity-unknown');
    // A tonne-km factor cannot carry cubic metres of bioethanol.
    expect(estimateTransport({ id: 'bioethanol' }, 5, { value: 5400, unit: 'm3/yr' }).gap).toBe(
      'unit-not-convertible',
    );
  });
});

describe('a what-if scenario', () => {
  it('nets CO₂ avoided against the transport of every candidate, each with its factor', () => {
    const heat = moving('cand-a-out--b-in', 'surplus-heat', 10_000, 'MWh/yr', 5);
    const gypsum = moving('cand-c-out--d-in', 'fgd-gypsum', 10_000, 't/yr', 20);
    const result = computeScenario([heat.id, gypsum.id], byId(heat, gypsum), noToday);
    expect(ScenarioComputationSchema.parse(result)).toEqual(result);
    const co2 = result.metrics.find((metric) => metric.metric === 'co2');
    // 10,000 MWh × 0.2244 t/MWh = 2,244 t avoided; transport 94.5 (pipe) + 20.3 (road) = 114.8 t.
    expect(co2).toMatchObject({
      unit: 't CO2e/yr',
      gross: { value: 2244, counted: [heat.id], notCounted: [] },
      transport: { value: 114.8, counted: [heat.id, gypsum.id], notCounted: [] },
      net: { value: 2129.2, complete: true },
    });
    expect(co2?.factors.map((factor) => factor.id)).toEqual(['heat-replacing-natural-gas']);
    expect(co2?.transportFactors.map((factor) => factor.id)).toEqual([
      'piped-heat-distribution-loss',
      'road-hgv-average-laden',
    ]);
    expect(result.estimate).toBe(true);
  });

  it('never adds tonnes of material or cubic metres of water to CO₂', () => {
    const gypsum = moving('cand-c-out--d-in', 'fgd-gypsum', 10_000, 't/yr', 20);
    const water = moving('cand-e-out--f-in', 'technical-water', 50_000, 'm3/yr', 2);
    const result = computeScenario([gypsum.id, water.id], byId(gypsum, water), noToday);
    const metric = (id: string) => result.metrics.find((m) => m.metric === id);
    expect(metric('materials')).toMatchObject({ unit: 't/yr', gross: { value: 10_000 }, transport: null });
    expect(metric('water')).toMatchObject({ unit: 'm3/yr', gross: { value: 50_000 }, transport: null });
    // Nothing avoids CO₂ here; moving them still emits it: 20.3 + 9.6 t.
    expect(metric('co2')).toMatchObject({ gross: { value: null }, transport: { value: 29.9 } });
    expect(metric('co2')?.net.value).toBe(-29.9);
  });

  it('lists a candidate with no factor or no quantity as not counted, never as zero', () => {
    const unknownHeat = moving('cand-a-out--b-in', 'surplus-heat', null, 'MWh/yr', 5);
    const straw = moving('cand-g-out--h-in', 'straw', 2000, 't/yr', 8);
    const result = computeScenario([unknownHeat.id, straw.id], byId(unknownHeat, straw), noToday);
    const co2 = result.metrics.find((m) => m.metric === 'co2');
    expect(co2?.gross).toEqual({
      value: null,
      counted: [],
      notCounted: [{ candidateId: unknownHeat.id, reason: 'quantity-unknown' }],
    });
    expect(co2?.transport?.notCounted).toEqual([{ candidateId: unknownHeat.id, reason: 'quantity-unknown' }]);
    expect(co2?.net.complete).toBe(false);
    expect(result.withoutFactor).toEqual([straw.id]);
    expect(result.lines.find((line) => line.candidateId === straw.id)?.grossGap).toBe('no-factor');
  });

  it('reports a candidate the engine no longer computes, and one already flowing, without counting them', () => {
    const flowing = {
      ...moving('cand-a-out--b-in', 'steam', 5000, 'MWh/yr', 1),
      existingExchangeId: 'a-steam-to-b',
      existingExchangeStatus: 'existing' as const,
    };
    const result = computeScenario(['cand-gone-out--x-in', flowing.id], byId(flowing), noToday);
    expect(result.lines.map((line) => [line.candidateId, line.state])).toEqual([
      ['cand-gone-out--x-in', 'not-computed'],
      [flowing.id, 'already-flowing'],
    ]);
    expect(result.metrics.every((metric) => metric.gross.value === null)).toBe(true);
  });

  it('counts a stream two picks share once, with the pick that saves most, instead of adding both', () => {
    // Two givers for one receiver's heat need: each match is at most the need, both together may exceed it.
    const small = {
      ...moving('cand-p-out--fors-in', 'surplus-heat', 8000, 'MWh/yr', 2),
      inputStreamId: 'fors-in',
    };
    const large = {
      ...moving('cand-h-out--fors-in', 'surplus-heat', 15_000, 'MWh/yr', 1),
      inputStreamId: 'fors-in',
    };
    const result = computeScenario([small.id, large.id], byId(small, large), noToday);
    expect(result.lines.map((line) => [line.candidateId, line.state, line.sharesWith])).toEqual([
      [small.id, 'shares-stream', large.id],
      [large.id, 'computed', null],
    ]);
    // 15,000 MWh × 0.2244 = 3,366 t: the shared need is counted once, never 23,000 MWh.
    expect(result.metrics.find((m) => m.metric === 'co2')?.gross).toEqual({
      value: 3366,
      counted: [large.id],
      notCounted: [],
    });
  });

  it('shows today’s sourced figures beside it, one by one and never summed into it', () => {
    const today = todayTotals(
      [
        testExchange('steam-flowing', {
          impact: [
            {
              metric: 'co2',
              label: { en: 'CO₂ avoided', da: 'CO₂ undgået' },
              value: 31_000,
              unit: 't CO₂/yr',
              referenceYear: 2020,
              source: ['https://example.org/steam'],
              verification: 'verified',
            },
          ],
        }),
        testExchange('ended', { status: 'historic', endYear: 2000, impact: [] }),
      ],
      [],
    );
    expect(today.exchangeImpacts).toMatchObject([{ exchangeId: 'steam-flowing', impact: { value: 31_000 } }]);
    const heat = moving('cand-a-out--b-in', 'surplus-heat', 1000, 'MWh/yr', 5);
    const result = computeScenario([heat.id], byId(heat), today);
    expect(result.metrics.find((m) => m.metric === 'co2')?.gross.value).toBe(224.4);
    expect(result.today).toBe(today);
  });
});

describe('a scenario’s input', () => {
  it('needs a name and one to fifty distinct computed candidates', () => {
    expect(
      ScenarioCreateSchema.safeParse({ name: 'Holbæk heat', candidateIds: ['cand-a-out--b-in'] }).success,
    ).toBe(true);
    expect(ScenarioCreateSchema.safeParse({ name: ' ', candidateIds: ['cand-a-out--b-in'] }).success).toBe(
      false,
    );
    expect(ScenarioCreateSchema.safeParse({ name: 'x', candidateIds: [] }).success).toBe(false);
    expect(ScenarioCreateSchema.safeParse({ name: 'x', candidateIds: ['fors'] }).success).toBe(false);
    expect(
      ScenarioCreateSchema.safeParse({ name: 'x', candidateIds: ['cand-a-out--b-in', 'cand-a-out--b-in'] })
        .success,
    ).toBe(false);
    expect(ScenarioPatchSchema.safeParse({}).success).toBe(false);
  });

  it('finds the giver’s output stream in a candidate id', () => {
    expect(outputStreamOf('cand-holbaek-wwtp-out-surplus-heat--fors-in-surplus-heat')).toBe(
      'holbaek-wwtp-out-surplus-heat',
    );
    expect(outputStreamOf('fors')).toBeNull();
  });
});
