import type { LocalizedText } from '../../domain/common.ts';
import type { ExchangeStatus } from '../../domain/exchange.ts';
import type { ResourceCategory } from '../../domain/resource.ts';

/** One step of the guided story: what to say, where to look, and which flows to show. */
export interface Chapter {
  id: string;
  title: LocalizedText;
  text: LocalizedText;
  camera: { lon: number; lat: number; zoom: number; pitch: number; bearing: number };
  /** The year the timeline shows; null = today, with candidates and proposals. */
  year: number | null;
  statuses: ExchangeStatus[];
  showCandidates: boolean;
  /** Only these resource categories are drawn; null = all. */
  categories: ResourceCategory[] | null;
  /** Companies ringed on the map. */
  highlight: string[];
  /** What the chapter shows: the map, or the symbiosis diagram of the same flows (who sends what to whom). */
  view: 'map' | 'diagram';
}

const flowed: ExchangeStatus[] = ['existing', 'historic'];
const harbour = { lon: 11.103, lat: 55.667 };

/**
 * The guided story of how the symbiosis grew, from the facts sheet (Saikku 2006 diagram numbering and
 * symbiosis.dk), told in six steps and ending with where it goes next.
 */
export const story: readonly Chapter[] = [
  {
    id: 'water-from-tisso',
    title: { en: '1961 · Water from Lake Tissø', da: '1961 · Vand fra Tissø' },
    text: {
      en: 'The new refinery needs water. Instead of drilling for groundwater, it takes surface water from Lake Tissø, 15 km away, through the town’s pipeline: the first link.',
      da: 'Det nye raffinaderi skal bruge vand. I stedet for at bore efter grundvand tager det overfladevand fra Tissø, 15 km væk, gennem byens rørledning: det første led.',
    },
    camera: { lon: 11.2, lat: 55.62, zoom: 10.2, pitch: 0, bearing: 0 },
    year: 1961,
    statuses: flowed,
    showCandidates: false,
    categories: null,
    highlight: ['lake-tisso', 'kalundborg-refinery'],
    view: 'map',
  },
  {
    id: 'first-exchange',
    title: { en: '1972 · The first exchange', da: '1972 · Den første udveksling' },
    text: {
      en: 'The refinery pipes its surplus refinery gas to the new plasterboard factory, which burns it instead of buying fuel. One company’s waste has become another’s raw material.',
      da: 'Raffinaderiet sender sin overskydende raffinaderigas til den nye gipspladefabrik, der brænder den i stedet for at købe brændsel. Den enes affald er blevet den andens råvare.',
    },
    camera: { ...harbour, zoom: 12.8, pitch: 30, bearing: -10 },
    year: 1972,
    statuses: flowed,
    showCandidates: false,
    categories: null,
    highlight: ['kalundborg-refinery', 'gyproc-kalundborg'],
    view: 'map',
  },
  {
    id: 'energy-web',
    title: { en: '1980s · The energy web', da: '1980’erne · Energinettet' },
    text: {
      en: 'Asnæs Power Station sends steam to Novo Nordisk and the refinery from 1982 and district heat to the town; its warm cooling water breeds fish. Energy that went up the chimney now heats a town.',
      da: 'Asnæsværket sender damp til Novo Nordisk og raffinaderiet fra 1982 og fjernvarme til byen; dets varme kølevand bruges til fiskeopdræt. Energi der før gik op gennem skorstenen, varmer nu en by.',
    },
    camera: { ...harbour, zoom: 12.2, pitch: 40, bearing: -20 },
    year: 1989,
    statuses: flowed,
    showCandidates: false,
    categories: ['energy', 'gas', 'water'],
    highlight: ['asnaes-power-station'],
    view: 'map',
  },
  {
    id: 'gypsum-and-water',
    title: { en: '1990s · Gypsum and water reuse', da: '1990’erne · Gips og genbrug af vand' },
    text: {
      en: 'Flue-gas cleaning at Asnæs yields gypsum for the plasterboard factory, about 150,000 t a year; fly ash goes to cement. Cooling and waste water are used again instead of fresh groundwater.',
      da: 'Røggasrensningen på Asnæs giver gips til gipspladefabrikken, omkring 150.000 t om året; flyveaske går til cement. Køle- og spildevand bruges igen i stedet for frisk grundvand.',
    },
    camera: { ...harbour, zoom: 12.3, pitch: 35, bearing: 15 },
    year: 1995,
    statuses: flowed,
    showCandidates: false,
    categories: ['material', 'water'],
    highlight: ['asnaes-power-station', 'gyproc-kalundborg'],
    view: 'diagram',
  },
  {
    id: 'bio-based-today',
    title: { en: 'Today · Bio-based streams', da: 'I dag · Biobaserede strømme' },
    text: {
      en: 'Fermentation biomass and yeast from Novo Nordisk and Novonesis feed a biogas plant; its gas goes to the refinery and the grid, its digestate to farms. Asnæs burns wood chips instead of coal.',
      da: 'Fermenteringsbiomasse og gær fra Novo Nordisk og Novonesis føder et biogasanlæg; gassen går til raffinaderiet og nettet, afgasningen til landbruget. Asnæs fyrer med træflis i stedet for kul.',
    },
    camera: { ...harbour, zoom: 12, pitch: 30, bearing: 0 },
    year: null,
    statuses: ['existing'],
    showCandidates: false,
    categories: ['biomass', 'gas', 'energy'],
    highlight: ['kalundborg-bioenergi'],
    view: 'diagram',
  },
  {
    id: 'regional-expansion',
    title: { en: 'Next · Holbæk and Odsherred', da: 'Næste skridt · Holbæk og Odsherred' },
    text: {
      en: 'The three municipalities look for the next links: surplus heat from Kalundborg could replace natural gas in Holbæk’s district heating. Dashed lines are candidates the atlas computes from registered side-streams.',
      da: 'De tre kommuner leder efter de næste led: overskudsvarme fra Kalundborg kan erstatte naturgas i Holbæks fjernvarme. Stiplede linjer er kandidater, som atlasset beregner ud fra registrerede sidestrømme.',
    },
    camera: { lon: 11.42, lat: 55.74, zoom: 9.4, pitch: 0, bearing: 0 },
    year: null,
    statuses: ['existing', 'proposed', 'candidate'],
    showCandidates: true,
    categories: null,
    highlight: ['fors'],
    view: 'map',
  },
];
