/**
 * The place names the basemap labels: the towns and the lake named in the project's facts sheet, with the
 * most specific coordinate and population the facts dossier gives, and its source. Coordinates are WGS84
 * lon/lat; `accuracyKm` is the stated uncertainty.
 */
export interface PlaceEntry {
  id: string;
  name: string;
  kind: 'town' | 'lake';
  /** DAGI municipality code. */
  municipality: string;
  lon: number;
  lat: number;
  accuracyKm: number;
  /** `year` is left out where the source gives none. */
  population?: { count: number; year?: number; source: string };
  source: string;
}

const kalundborg = '0326';
const holbaek = '0316';
const odsherred = '0306';
const townTable = 'Danish town coordinate table (third-party), via the project facts dossier';

export const placeEntries: PlaceEntry[] = [
  {
    id: 'kalundborg',
    name: 'Kalundborg',
    kind: 'town',
    municipality: kalundborg,
    lon: 11.085,
    lat: 55.6814,
    accuracyKm: 0.5,
    population: { count: 16659, year: 2025, source: 'https://en.wikipedia.org/wiki/Kalundborg' },
    source: 'Wikipedia infobox (55°40′53″N 11°5′6″E)',
  },
  {
    id: 'holbaek',
    name: 'Holbæk',
    kind: 'town',
    municipality: holbaek,
    lon: 11.7103,
    lat: 55.7181,
    accuracyKm: 1,
    population: {
      count: 27579,
      year: 2016,
      source: 'https://www.lokalebasen.dk/wiki/articles/4300-holbaek/erhvervslokaler',
    },
    source: townTable,
  },
  {
    id: 'nykobing-sjaelland',
    name: 'Nykøbing Sjælland',
    kind: 'town',
    municipality: odsherred,
    lon: 11.6686,
    lat: 55.9225,
    accuracyKm: 1,
    source: townTable,
  },
  {
    id: 'asnaes-odsherred',
    name: 'Asnæs',
    kind: 'town',
    municipality: odsherred,
    lon: 11.5,
    lat: 55.8125,
    accuracyKm: 1.5,
    population: { count: 3018, year: 2020, source: 'https://trap.lex.dk/Asn%C3%A6s' },
    source: 'Estimate, consistent with trap.lex.dk (17 km north-west of Holbæk)',
  },
  {
    id: 'hong',
    name: 'Høng',
    kind: 'town',
    municipality: kalundborg,
    lon: 11.2919,
    lat: 55.5044,
    accuracyKm: 1,
    population: { count: 4357, source: 'https://wikide.org/de/Kalundborg_Municipality' },
    source: townTable,
  },
  {
    id: 'gorlev',
    name: 'Gørlev',
    kind: 'town',
    municipality: kalundborg,
    lon: 11.2289,
    lat: 55.54,
    accuracyKm: 0.5,
    population: { count: 2378, year: 2024, source: 'https://wikide.org/de/G%C3%B8rlev' },
    source: 'Wikipedia-derived infobox (55°32′24″N 11°13′44″E)',
  },
  {
    id: 'svebolle',
    name: 'Svebølle',
    kind: 'town',
    municipality: kalundborg,
    lon: 11.283,
    lat: 55.65,
    accuracyKm: 1.5,
    source: 'Estimate (project facts dossier)',
  },
  {
    id: 'jyderup',
    name: 'Jyderup',
    kind: 'town',
    municipality: holbaek,
    lon: 11.4014,
    lat: 55.6575,
    accuracyKm: 1,
    source: townTable,
  },
  {
    id: 'tollose',
    name: 'Tølløse',
    kind: 'town',
    municipality: holbaek,
    lon: 11.7736,
    lat: 55.6117,
    accuracyKm: 1,
    source: townTable,
  },
  {
    id: 'vig',
    name: 'Vig',
    kind: 'town',
    municipality: odsherred,
    lon: 11.577,
    lat: 55.847,
    accuracyKm: 2,
    source: 'Estimate (project facts dossier)',
  },
  {
    id: 'farevejle',
    name: 'Fårevejle',
    kind: 'town',
    municipality: odsherred,
    lon: 11.44,
    lat: 55.804,
    accuracyKm: 2,
    source: 'Estimate (project facts dossier; Fårevejle Stationsby)',
  },
  {
    id: 'horve',
    name: 'Hørve',
    kind: 'town',
    municipality: odsherred,
    lon: 11.459,
    lat: 55.753,
    accuracyKm: 1.5,
    population: { count: 2456, year: 2020, source: 'https://trap.lex.dk/H%C3%B8rve' },
    source: 'Estimate, consistent with trap.lex.dk (17 km west of Holbæk)',
  },
  {
    id: 'rorvig',
    name: 'Rørvig',
    kind: 'town',
    municipality: odsherred,
    lon: 11.7514,
    lat: 55.9431,
    accuracyKm: 0.5,
    population: { count: 1059, year: 2023, source: 'http://de.wikipedia.org/wiki/R%C3%B8rvig' },
    source: 'de.wikipedia infobox (55.943056, 11.751389)',
  },
  {
    id: 'tisso',
    name: 'Tissø',
    kind: 'lake',
    municipality: kalundborg,
    lon: 11.3,
    lat: 55.57,
    accuracyKm: 1.5,
    source: 'Wikipedia infobox (55°34′N 11°18′E); the lake is not in GSHHG, so it is shown as a label only',
  },
];
