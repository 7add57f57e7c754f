// Emission factors for moving a side-stream from the giver to the receiver, so that a what-if scenario shows
// its savings net of transport. Like impact-factors.ts, every factor names its source, year and address, and
// the part of the reasoning that is ours, not the source's, is spelled out in `assumption`. A stream with no
// factor here has no transport estimate: the scenario says so rather than counting zero.
import { z } from 'zod';
import { LocalizedTextSchema, type Quantity } from '../common.ts';
import { FactorInputUnitSchema } from '../impact.ts';
import { convertAnnualValue } from '../impact-factors.ts';
import type { Resource } from '../resource.ts';

/**
 * How a resource travels. Heat, steam, water and fuel gases go by pipe; solids, slurries and liquids
 * by road (tanker or tipper); captured CO₂ by ship (Kalundborg to the storage site in Norway).
 */
export const TRANSPORT_MODES = ['road', 'pipe', 'ship'] as const;
export const TransportModeSchema = z.enum(TRANSPORT_MODES);
export type TransportMode = z.infer<typeof TransportModeSchema>;

export const TransportFactorSchema = z
  .strictObject({
    id: z.string(),
    label: LocalizedTextSchema,
    mode: TransportModeSchema,
    /** `tonne-km`: per tonne carried one km (distance × tonnes × value); `delivered`: per unit delivered. */
    basis: z.enum(['tonne-km', 'delivered']),
    /** t CO₂e per tonne-km, or per unit of `inputUnit` delivered. */
    value: z.number().positive(),
    /** Human-readable unit of `value`, e.g. "t CO2e/t·km". */
    unit: z.string(),
    /** The annual flow unit the factor takes (t/yr for road; MWh/yr or m3/yr delivered by pipe). */
    inputUnit: FactorInputUnitSchema,
    source: z.string(),
    sourceUrl: z.string(),
    /** The year of the factor set. */
    year: z.int(),
    assumption: z.string(),
  })
  .meta({ id: 'TransportFactor', description: 'A sourced emission factor for moving a side-stream' });
export type TransportFactor = z.infer<typeof TransportFactorSchema>;

function frozen(factor: TransportFactor): TransportFactor {
  Object.freeze(factor.label);
  return Object.freeze(factor);
}

const DESNZ_2025 =
  'UK Government (DESNZ), Greenhouse gas reporting: conversion factors 2025, full set / flat file';
const DESNZ_2025_URL =
  'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025';
const KG_PER_T = 1000;

/** DESNZ 2025, Freighting goods › HGV (all diesel) › All HGVs › Average laden: 0.10163 kg CO2e per tonne.km. */
export const ROAD_HGV_AVERAGE_LADEN: TransportFactor = frozen({
  id: 'road-hgv-average-laden',
  label: {
    en: 'Road freight: heavy goods vehicle (diesel, all sizes, average load)',
    da: 'Vejtransport: lastbil (diesel, alle størrelser, gennemsnitlig last)',
  },
  mode: 'road',
  basis: 'tonne-km',
  value: 0.10163 / KG_PER_T,
  unit: 't CO2e/t·km',
  inputUnit: 't/yr',
  source: `${DESNZ_2025}: Freighting goods, HGV (all diesel), All HGVs, Average laden, 0.10163 kg CO2e per tonne.km`,
  sourceUrl: DESNZ_2025_URL,
  year: 2025,
  assumption:
    'A UK fleet average (tank-to-wheel, with average empty running) stands in for Danish lorries. The ' +
    'distance is the matching engine’s straight line between the two sites, which is shorter than the road: ' +
    'the estimate is a lower bound of the trucking. Well-to-tank emissions of the diesel are left out.',
});

/** DESNZ 2025, Transmission and distribution › Distribution – district heat & steam › 5% loss: 0.00945 kg CO2e per kWh. */
export const PIPED_HEAT_DISTRIBUTION: TransportFactor = frozen({
  id: 'piped-heat-distribution-loss',
  label: {
    en: 'Heat or steam by pipe: distribution losses',
    da: 'Varme eller damp i rør: tab i ledningsnettet',
  },
  mode: 'pipe',
  basis: 'delivered',
  // 0.00945 kg CO2e per kWh = 0.00945 t CO2e per MWh.
  value: 0.00945,
  unit: 't CO2e/MWh',
  inputUnit: 'MWh/yr',
  source: `${DESNZ_2025}: Transmission and distribution, Distribution - district heat & steam, 5% loss, 0.00945 kg CO2e per kWh`,
  sourceUrl: DESNZ_2025_URL,
  year: 2025,
  assumption:
    'Per MWh delivered, whatever the pipe’s length: DESNZ values a 5 % network loss at the UK district-heat ' +
    'mix. A short pipe to the neighbour loses less, a long transmission line more; electricity for ' +
    'pumping and the pipe’s construction are not included.',
});

/** DESNZ 2025, Water supply: 0.1913 kg CO2e per m³. */
export const PIPED_WATER_SUPPLY: TransportFactor = frozen({
  id: 'piped-water-supply',
  label: {
    en: 'Water by pipe: pumping and supply',
    da: 'Vand i rør: pumpning og forsyning',
  },
  mode: 'pipe',
  basis: 'delivered',
  value: 0.1913 / KG_PER_T,
  unit: 't CO2e/m3',
  inputUnit: 'm3/yr',
  source: `${DESNZ_2025}: Water supply, 0.1913 kg CO2e per cubic metre`,
  sourceUrl: DESNZ_2025_URL,
  year: 2025,
  assumption:
    'Per m3 delivered, whatever the pipe’s length. The UK public-supply figure covers abstraction, treatment ' +
    'and distribution; a pipe between two plants needs less treatment, so this is an upper bound of the pumping.',
});

/**
 * Which resources go by pipe or ship; every other resource goes by road. By resource id, as the impact
 * factors are, because one category mixes modes (bioethanol is energy but travels by tanker lorry).
 */
const MODE_BY_RESOURCE: Readonly<Record<string, TransportMode>> = {
  steam: 'pipe',
  'district-heat': 'pipe',
  'surplus-heat': 'pipe',
  'surface-water': 'pipe',
  'technical-water': 'pipe',
  'cooling-water': 'pipe',
  'drain-water': 'pipe',
  wastewater: 'pipe',
  biogas: 'pipe',
  'refinery-gas': 'pipe',
  co2: 'ship',
};

/**
 * Factors by resource id. Deliberately absent, so that their transport is reported as not estimated:
 * - wastewater: sewer pumping is part of treatment, which no factor here covers;
 * - biogas and refinery gas: no sourced factor for a local gas pipe;
 * - CO₂ by ship: no sourced factor for a liquefied-CO₂ carrier;
 * - road streams measured in m³ (bioethanol): a tonne-km factor needs tonnes.
 */
const PIPE_FACTORS: Readonly<Record<string, TransportFactor>> = {
  steam: PIPED_HEAT_DISTRIBUTION,
  'district-heat': PIPED_HEAT_DISTRIBUTION,
  'surplus-heat': PIPED_HEAT_DISTRIBUTION,
  'surface-water': PIPED_WATER_SUPPLY,
  'technical-water': PIPED_WATER_SUPPLY,
  'cooling-water': PIPED_WATER_SUPPLY,
  'drain-water': PIPED_WATER_SUPPLY,
};

export function transportModeFor(resource: Pick<Resource, 'id'>): TransportMode {
  return Object.hasOwn(MODE_BY_RESOURCE, resource.id) ? (MODE_BY_RESOURCE[resource.id] ?? 'road') : 'road';
}

export function transportFactorFor(resource: Pick<Resource, 'id'>): TransportFactor | null {
  const mode = transportModeFor(resource);
  if (mode === 'road') return ROAD_HGV_AVERAGE_LADEN;
  if (mode === 'pipe' && Object.hasOwn(PIPE_FACTORS, resource.id)) return PIPE_FACTORS[resource.id] ?? null;
  return null;
}

/** Why a transport figure is missing: never a silent zero. */
export const TransportGapSchema = z.enum(['no-factor', 'quantity-unknown', 'unit-not-convertible']);
export type TransportGap = z.infer<typeof TransportGapSchema>;

export const TransportEstimateSchema = z.strictObject({
  mode: TransportModeSchema,
  /** t CO₂e/yr emitted moving the matched quantity; null when it cannot be estimated (see `gap`). */
  value: z.number().nullable(),
  unit: z.literal('t CO2e/yr'),
  distanceKm: z.number().nonnegative(),
  factor: z.union([TransportFactorSchema, z.null()]),
  gap: TransportGapSchema.nullable(),
});
export type TransportEstimate = z.infer<typeof TransportEstimateSchema>;

/** Estimates carry one decimal, as impact-factors.ts rounds its own. */
function roundEstimate(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The estimated annual emissions of moving `matched` of `resource` over `distanceKm`: by road, distance ×
 * tonnes × factor; by pipe, the quantity delivered × factor. A null value says why in `gap`.
 */
export function estimateTransport(
  resource: Pick<Resource, 'id'>,
  distanceKm: number,
  matched: Quantity,
): TransportEstimate {
  const mode = transportModeFor(resource);
  const factor = transportFactorFor(resource);
  const base = { mode, unit: 't CO2e/yr' as const, distanceKm, factor };
  if (!factor) return { ...base, value: null, gap: 'no-factor' };
  if (matched.value === null) return { ...base, value: null, gap: 'quantity-unknown' };
  const input = convertAnnualValue(matched.value, matched.unit, factor.inputUnit);
  if (input === null) return { ...base, value: null, gap: 'unit-not-convertible' };
  const perYear = factor.basis === 'tonne-km' ? input * distanceKm * factor.value : input * factor.value;
  return { ...base, value: roundEstimate(perYear), gap: null };
}
