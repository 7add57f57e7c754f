// Factors that turn a matched quantity of a side-stream into an estimated impact (t CO₂e/yr avoided, m³ of water
// not abstracted, t of virgin material not mined). Every factor names its source; where a step of the reasoning
// is ours rather than the source's, it is spelled out in `assumption` so the UI can show it next to the number.
// A resource without a factor has no estimated impact: the engine returns null rather than guess.
import type { Quantity } from './common.ts';
import type { EstimatedImpact, ImpactFactor } from './impact.ts';

/** Factors are shared by every candidate that uses them, so nobody may change one in place. */
function deepFreeze(factor: ImpactFactor): ImpactFactor {
  Object.freeze(factor.label);
  return Object.freeze(factor);
}

// IPCC 2006 Guidelines, Vol. 2 (Energy), Ch. 2, Table 2.2: default CO₂ emission factor of natural gas.
const NATURAL_GAS_T_CO2_PER_TJ = 56.1;
const TJ_PER_MWH = 0.0036;
/** Our assumption, not the IPCC's: a typical modern gas boiler, lower heating value basis. */
export const ASSUMED_GAS_BOILER_EFFICIENCY = 0.9;

/** 56.1 t/TJ × 0.0036 TJ/MWh = 0.20196 t CO₂ per MWh of gas burned; / 0.9 = 0.2244 t CO₂ per MWh of heat. */
export const NATURAL_GAS_HEAT_T_CO2_PER_MWH =
  (NATURAL_GAS_T_CO2_PER_TJ * TJ_PER_MWH) / ASSUMED_GAS_BOILER_EFFICIENCY;

export const HEAT_REPLACING_NATURAL_GAS: ImpactFactor = deepFreeze({
  id: 'heat-replacing-natural-gas',
  label: {
    en: 'CO₂ avoided: heat that replaces a natural-gas boiler',
    da: 'CO₂ undgået: varme der erstatter en naturgaskedel',
  },
  metric: 'co2',
  value: NATURAL_GAS_HEAT_T_CO2_PER_MWH,
  unit: 't CO2e/MWh',
  inputUnit: 'MWh/yr',
  impactUnit: 't CO2e/yr',
  source:
    'IPCC 2006 Guidelines for National Greenhouse Gas Inventories, Vol. 2 (Energy), Ch. 2 Stationary ' +
    'Combustion, Table 2.2: natural gas default 56,100 kg CO2/TJ (= 0.2020 t CO2 per MWh of fuel)',
  sourceUrl:
    'https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_2_Ch2_Stationary_Combustion.pdf',
  assumption:
    'The receiver would otherwise make the heat in its own natural-gas boiler at 90 % efficiency ' +
    '(0.2020 / 0.9 = 0.2244 t CO2 per MWh of heat delivered). CO2 only: CH4 and N2O from gas combustion ' +
    '(well under 1 % of CO2e) are left out; electricity for heat pumps or pumping and pipe losses are not ' +
    'deducted.',
});

export const FRESHWATER_NOT_ABSTRACTED: ImpactFactor = deepFreeze({
  id: 'freshwater-not-abstracted',
  label: {
    en: 'Groundwater or surface water not abstracted',
    da: 'Grundvand eller overfladevand der ikke indvindes',
  },
  metric: 'water',
  value: 1,
  unit: 'm3/m3',
  inputUnit: 'm3/yr',
  impactUnit: 'm3/yr',
  source: 'By definition: each m3 received is a m3 the receiver does not abstract itself',
  assumption: 'The receiver would otherwise abstract the same volume of groundwater or surface water.',
});

export const VIRGIN_GYPSUM_NOT_MINED: ImpactFactor = deepFreeze({
  id: 'virgin-gypsum-not-mined',
  label: { en: 'Virgin gypsum not mined', da: 'Naturgips der ikke brydes' },
  metric: 'materials',
  value: 1,
  unit: 't/t',
  inputUnit: 't/yr',
  impactUnit: 't/yr',
  source:
    'By definition: each t of gypsum received is a t of virgin gypsum the plasterboard maker does not buy',
  assumption: 'One-for-one substitution; differences in purity and moisture are ignored.',
});

/**
 * Factors by resource id. Keyed by resource rather than category because one category mixes counterfactuals:
 * reused cooling water replaces abstraction, but wastewater sent for treatment does not. Deliberately absent:
 * - wastewater: it goes to treatment, no abstraction is avoided by definition;
 * - biogas, biomass streams (manure, straw, digestate, yeast slurry …): what they replace (gas of unknown
 *   methane content, fertiliser, feed) needs a per-case study, not a default factor;
 * - fly ash, sulphur, CO₂ for storage, wastes: no sourced default in this table.
 */
export const IMPACT_FACTORS: Readonly<Record<string, ImpactFactor>> = {
  steam: HEAT_REPLACING_NATURAL_GAS,
  'district-heat': HEAT_REPLACING_NATURAL_GAS,
  'surplus-heat': HEAT_REPLACING_NATURAL_GAS,
  'surface-water': FRESHWATER_NOT_ABSTRACTED,
  'technical-water': FRESHWATER_NOT_ABSTRACTED,
  'cooling-water': FRESHWATER_NOT_ABSTRACTED,
  'drain-water': FRESHWATER_NOT_ABSTRACTED,
  'fgd-gypsum': VIRGIN_GYPSUM_NOT_MINED,
  'recycled-gypsum': VIRGIN_GYPSUM_NOT_MINED,
};

export function impactFactorFor(resourceId: string): ImpactFactor | null {
  return Object.hasOwn(IMPACT_FACTORS, resourceId) ? (IMPACT_FACTORS[resourceId] ?? null) : null;
}

type Dimension = 'energy' | 'mass' | 'volume';

/**
 * Annual-flow units the engine can convert between, each as a multiple of a base unit of its dimension. The
 * energy base is the GJ so that MWh ↔ GJ uses the exact 3.6 (1 MWh = 3.6 GJ) rather than 1/3.6. Units not
 * listed are compared by their exact spelling only.
 */
const UNIT_SCALES: Readonly<Record<string, { dimension: Dimension; scale: number }>> = {
  'GJ/yr': { dimension: 'energy', scale: 1 },
  'MWh/yr': { dimension: 'energy', scale: 3.6 },
  'TJ/yr': { dimension: 'energy', scale: 1000 },
  'GWh/yr': { dimension: 'energy', scale: 3600 },
  't/yr': { dimension: 'mass', scale: 1 },
  'kt/yr': { dimension: 'mass', scale: 1000 },
  'm3/yr': { dimension: 'volume', scale: 1 },
};

/** Rounds away binary noise from conversions (3600 GJ → 999.9999… MWh) without hiding real figures. */
function roundConverted(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** `value` in `from` expressed in `to`, or null when the two units do not measure the same thing. */
export function convertAnnualValue(value: number, from: string, to: string): number | null {
  if (from === to) return value;
  const source = UNIT_SCALES[from];
  const target = UNIT_SCALES[to];
  if (!source || !target || source.dimension !== target.dimension) return null;
  return roundConverted((value * source.scale) / target.scale);
}

/** Impacts are estimates built on an assumed counterfactual: one decimal is all the precision they carry. */
function roundImpact(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The estimated impact of moving `matched` of `resourceId`: null when no factor applies (never invented); a
 * null value when the factor applies but the quantity is unknown or cannot be converted to its input unit.
 */
export function estimateImpact(resourceId: string, matched: Quantity): EstimatedImpact | null {
  const factor = impactFactorFor(resourceId);
  if (!factor) return null;
  const input =
    matched.value === null ? null : convertAnnualValue(matched.value, matched.unit, factor.inputUnit);
  return {
    value: input === null ? null : roundImpact(input * factor.value),
    unit: factor.impactUnit,
    factor,
  };
}
