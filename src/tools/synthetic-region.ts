// A synthetic region for benchmarks: thousands of plausible companies on Zealand's land, deterministic for a
// seed, valid against the project's schema. Pure: parsed inputs in, a Dataset out; the CLI that writes it to
// SQLite is generate-region.ts.
//
// Realism, so that what the benchmarks measure resembles what the atlas will face:
// - points cluster around Zealand's industrial towns (most plants sit by a town or harbour), with a uniform
//   share over the whole island, and never in the sea (turf booleanPointInPolygon on GSHHG land);
// - each company has 1–6 streams; which resource and direction follows the mix of the real seed dataset
//   (plus one for every pair, so that every resource occurs);
// - about a quarter of the quantities are known, as in the seed dataset, in the resource's canonical unit
//   and around the magnitude the seed dataset reports for that resource.
import { area, booleanPointInPolygon, distance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { regionBounds, regionMunicipalities } from '../domain/basemap.ts';
import { currentStreams } from '../domain/company.ts';
import { slugify } from '../domain/ids.ts';
import type {
  CompanyCollection,
  CompanyFeature,
  CompanyKind,
  CompanyRole,
  Dataset,
  Exchange,
  LocationAccuracy,
  Quantity,
  Resource,
  ResourceCategory,
  Stream,
  StreamDirection,
  StreamStatus,
} from '../domain/schema.ts';

export type LandCollection = FeatureCollection<Polygon | MultiPolygon>;

export interface RegionOptions {
  /** How many companies. */
  companies: number;
  /** How many exchanges at most (fewer when the streams do not allow that many); default one per 100 companies. */
  exchanges?: number;
  seed: number;
  /** GSHHG land polygons (geodata/land.raw.geojson); the biggest one, Zealand, is used. */
  land: LandCollection;
  resources: readonly Resource[];
  /** The real dataset, whose stream mix and quantities the synthetic one imitates; without it all are even. */
  reference?: CompanyCollection;
  /** DAGI lookup for the municipality; without it the nearest town's municipality is used. */
  municipalityAt?: (lon: number, lat: number) => string | null;
}

/** Latest year used for any synthetic year, fixed so that the output does not depend on the clock. */
export const LATEST_YEAR = 2024;
/** Share of known quantities: the seed dataset has 24 of 117. */
export const KNOWN_QUANTITY_SHARE = 0.25;
/** Share of companies placed around a town rather than anywhere on the island. */
const CLUSTERED_SHARE = 0.65;
const CLUSTER_SIGMA_KM = 5;
const KM_PER_DEGREE_LAT = 111.2;
/** Weights for 1…6 streams per company: most companies have one or two side-streams worth registering. */
const STREAM_COUNT_WEIGHTS = [30, 25, 18, 12, 9, 6];

// ——— Deterministic randomness ————————————————————————————————————————————————————————————————————————————

export type Random = () => number;

/** mulberry32: tiny, fast and good enough for synthetic data; the same seed gives the same region anywhere. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pickWeighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weightOf(item);
    if (r < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('cannot pick from an empty list');
  return last;
}

function pickFrom<T>(random: Random, weights: readonly (readonly [T, number])[]): T {
  return pickWeighted(random, weights, ([, weight]) => weight)[0];
}

/** Box–Muller: one standard normal draw. */
function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// ——— Where companies are ————————————————————————————————————————————————————————————————————————————————————

export interface Town {
  name: string;
  lon: number;
  lat: number;
  /** DAGI komkode of the town's municipality. */
  municipality: string;
  /** Relative share of the clustered companies. */
  weight: number;
}

/**
 * Zealand's industrial towns (approximate centres). Kalundborg, the symbiosis itself, and the big towns
 * weigh most; the weights are a judgement, not statistics.
 */
export const ZEALAND_TOWNS: readonly Town[] = [
  { name: 'Kalundborg', lon: 11.09, lat: 55.68, municipality: '0326', weight: 10 },
  { name: 'Holbæk', lon: 11.71, lat: 55.72, municipality: '0316', weight: 6 },
  { name: 'Nykøbing Sjælland', lon: 11.67, lat: 55.92, municipality: '0306', weight: 3 },
  { name: 'Asnæs', lon: 11.5, lat: 55.81, municipality: '0306', weight: 1 },
  { name: 'Høng', lon: 11.29, lat: 55.51, municipality: '0326', weight: 1 },
  { name: 'Jyderup', lon: 11.4, lat: 55.66, municipality: '0316', weight: 1 },
  { name: 'København', lon: 12.55, lat: 55.67, municipality: '0101', weight: 10 },
  { name: 'Høje-Taastrup', lon: 12.27, lat: 55.65, municipality: '0169', weight: 4 },
  { name: 'Roskilde', lon: 12.08, lat: 55.64, municipality: '0265', weight: 5 },
  { name: 'Køge', lon: 12.17, lat: 55.46, municipality: '0259', weight: 5 },
  { name: 'Ringsted', lon: 11.79, lat: 55.44, municipality: '0329', weight: 3 },
  { name: 'Sorø', lon: 11.56, lat: 55.43, municipality: '0340', weight: 2 },
  { name: 'Slagelse', lon: 11.35, lat: 55.4, municipality: '0330', weight: 4 },
  { name: 'Korsør', lon: 11.15, lat: 55.33, municipality: '0330', weight: 2 },
  { name: 'Næstved', lon: 11.76, lat: 55.23, municipality: '0370', weight: 4 },
  { name: 'Faxe', lon: 12.12, lat: 55.26, municipality: '0320', weight: 2 },
  { name: 'Hillerød', lon: 12.3, lat: 55.93, municipality: '0219', weight: 3 },
  { name: 'Helsingør', lon: 12.59, lat: 56.03, municipality: '0217', weight: 3 },
  { name: 'Frederikssund', lon: 12.07, lat: 55.84, municipality: '0250', weight: 2 },
  { name: 'Hundested', lon: 11.86, lat: 55.96, municipality: '0260', weight: 1 },
];

/** The biggest land polygon (Zealand in the basemap box), holes kept, with its bounding box. */
export function biggestLandPolygon(land: LandCollection): Feature<Polygon> {
  let best: Feature<Polygon> | null = null;
  let bestArea = -1;
  for (const feature of land.features) {
    const geometry = feature.geometry;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const coordinates of polygons) {
      const candidate: Feature<Polygon> = {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates },
      };
      const size = area(candidate);
      if (size > bestArea) {
        best = candidate;
        bestArea = size;
      }
    }
  }
  if (!best) throw new Error('the land file has no polygon');
  const outer = best.geometry.coordinates[0] ?? [];
  const lons = outer.map((position) => position[0] ?? 0);
  const lats = outer.map((position) => position[1] ?? 0);
  // The bbox lets booleanPointInPolygon reject most sea points before walking 5,000 vertices.
  best.bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  return best;
}

function nearestTown(lon: number, lat: number): Town {
  const cosLat = Math.cos((lat * Math.PI) / 180);
  let best = ZEALAND_TOWNS[0] as Town;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const town of ZEALAND_TOWNS) {
    const d = ((town.lon - lon) * cosLat) ** 2 + (town.lat - lat) ** 2;
    if (d < bestDistance) {
      best = town;
      bestDistance = d;
    }
  }
  return best;
}

/** 5 decimals (about 1 m), rounded before the land test so that the stored point is the tested point. */
function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

interface Placed {
  lon: number;
  lat: number;
  town: Town;
  municipality: string;
  clustered: boolean;
}

const REGION_CODES = new Set<string>(regionMunicipalities.map((m) => m.code));

/** The dataset rules hold the three municipalities' points to regionBounds (a swapped [lat, lon] check). */
function fitsMunicipality(lon: number, lat: number, municipality: string): boolean {
  if (!REGION_CODES.has(municipality)) return true;
  const [west, south, east, north] = regionBounds;
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

function placeCompany(random: Random, land: Feature<Polygon>, options: RegionOptions): Placed {
  const [west, south, east, north] = land.bbox ?? [0, 0, 0, 0];
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const clustered = random() < CLUSTERED_SHARE;
    let lon: number;
    let lat: number;
    if (clustered) {
      const town = pickWeighted(random, ZEALAND_TOWNS, (t) => t.weight);
      const cosLat = Math.cos((town.lat * Math.PI) / 180);
      lat = town.lat + (gaussian(random) * CLUSTER_SIGMA_KM) / KM_PER_DEGREE_LAT;
      lon = town.lon + (gaussian(random) * CLUSTER_SIGMA_KM) / (KM_PER_DEGREE_LAT * cosLat);
    } else {
      lon = west + random() * (east - west);
      lat = south + random() * (north - south);
    }
    lon = round5(lon);
    lat = round5(lat);
    if (!booleanPointInPolygon([lon, lat], land)) continue;
    const town = nearestTown(lon, lat);
    const municipality = options.municipalityAt?.(lon, lat) ?? town.municipality;
    // A point such as the tip of Sjællands Odde is Odsherred but outside the region's box: draw again.
    if (fitsMunicipality(lon, lat, municipality)) return { lon, lat, town, municipality, clustered };
  }
  throw new Error('could not place a company on land in 10,000 attempts');
}

// ——— What companies have and need ————————————————————————————————————————————————————————————————————————

interface StreamKind {
  resource: Resource;
  direction: StreamDirection;
  weight: number;
}

/** (resource, direction) pairs weighted by how often the real dataset has them, plus one each. */
function streamKinds(resources: readonly Resource[], reference: CompanyCollection | undefined): StreamKind[] {
  const counts = new Map<string, number>();
  for (const feature of reference?.features ?? []) {
    for (const stream of feature.properties.streams) {
      const key = `${stream.resourceId}|${stream.direction}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return resources.flatMap((resource) =>
    (['output', 'input'] as const).map((direction) => ({
      resource,
      direction,
      weight: 1 + (counts.get(`${resource.id}|${direction}`) ?? 0),
    })),
  );
}

/** Typical size of an annual flow per canonical unit, when the real dataset knows none for a resource. */
const DEFAULT_MEDIAN: Record<string, number> = {
  't/yr': 5_000,
  'm3/yr': 200_000,
  'MWh/yr': 20_000,
  'GJ/yr': 72_000,
};

/** Geometric mean of the real dataset's known quantities per resource (canonical unit only). */
function typicalQuantities(
  resources: readonly Resource[],
  reference: CompanyCollection | undefined,
): Map<string, number> {
  const logs = new Map<string, number[]>();
  const unitOf = new Map(resources.map((r) => [r.id, r.canonicalUnit]));
  for (const feature of reference?.features ?? []) {
    for (const { resourceId, quantity } of feature.properties.streams) {
      if (quantity.value === null || quantity.value <= 0 || quantity.unit !== unitOf.get(resourceId))
        continue;
      const list = logs.get(resourceId) ?? [];
      list.push(Math.log(quantity.value));
      logs.set(resourceId, list);
    }
  }
  return new Map(
    resources.map((resource) => {
      const list = logs.get(resource.id);
      const median = list
        ? Math.exp(list.reduce((sum, value) => sum + value, 0) / list.length)
        : (DEFAULT_MEDIAN[resource.canonicalUnit] ?? 1_000);
      return [resource.id, median];
    }),
  );
}

/** Two significant figures: a quantity someone reported, not a float. */
function roundQuantity(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.max(1, Math.round(value / magnitude) * magnitude);
}

function syntheticQuantity(random: Random, resource: Resource, median: number): Quantity {
  if (random() >= KNOWN_QUANTITY_SHARE) return { value: null, unit: resource.canonicalUnit };
  // Log-normal: plants differ by orders of magnitude, and a quantity is never negative.
  const value = roundQuantity(median * Math.exp(gaussian(random) * 1.2));
  // Dated like every figure in the atlas (the dataset rules refuse a quantity without its year).
  return { value, unit: resource.canonicalUnit, approximate: true, referenceYear: LATEST_YEAR };
}

const STATUS_WEIGHTS: readonly (readonly [StreamStatus, number])[] = [
  ['active', 85],
  ['planned', 8],
  ['historic', 7],
];

function streamYears(random: Random, status: StreamStatus): Pick<Stream, 'startYear' | 'endYear'> {
  if (status === 'planned') return { startYear: null, endYear: null };
  if (status === 'historic') {
    const startYear = intBetween(random, 1970, 2015);
    return { startYear, endYear: intBetween(random, startYear + 1, Math.min(startYear + 25, LATEST_YEAR)) };
  }
  return { startYear: random() < 0.6 ? intBetween(random, 1975, LATEST_YEAR) : null, endYear: null };
}

// ——— Companies ————————————————————————————————————————————————————————————————————————————————————————————

const KIND_WEIGHTS: readonly (readonly [CompanyKind, number])[] = [
  ['company', 85],
  ['utility', 7],
  ['farm-group', 5],
  ['public-body', 3],
];

const ROLE_WEIGHTS: readonly (readonly [CompanyRole, number])[] = [
  ['registered-potential', 70],
  ['partner', 20],
  ['former-partner', 7],
  ['external', 3],
];

const ACCURACY_WEIGHTS: readonly (readonly [LocationAccuracy, number])[] = [
  ['exact', 10],
  ['approx-500m', 30],
  ['approx-1km', 35],
  ['approx-2km', 20],
  ['site-unknown', 5],
];

/** Business word and NACE Rev. 2 code by the category of a company's first stream. */
const SECTORS: Record<ResourceCategory, { word: string; nace: string }> = {
  energy: { word: 'Energi', nace: '35.11' },
  water: { word: 'Vand', nace: '36.00' },
  gas: { word: 'Gas', nace: '35.21' },
  material: { word: 'Genvinding', nace: '38.32' },
  biomass: { word: 'Bioressourcer', nace: '10.89' },
};

function partnerYears(
  random: Random,
  role: CompanyRole,
): { partnerSince: number | null; partnerUntil: number | null } {
  if (role === 'partner') return { partnerSince: intBetween(random, 1972, LATEST_YEAR), partnerUntil: null };
  if (role === 'former-partner') {
    const partnerSince = intBetween(random, 1972, 2010);
    return { partnerSince, partnerUntil: intBetween(random, partnerSince + 1, LATEST_YEAR) };
  }
  return { partnerSince: null, partnerUntil: null };
}

interface Generator {
  random: Random;
  options: RegionOptions;
  land: Feature<Polygon>;
  kinds: StreamKind[];
  medians: Map<string, number>;
  source: string[];
}

/** Which resources a company has or needs: 1–6 distinct (resource, direction) pairs. */
function chooseStreamKinds(gen: Generator): StreamKind[] {
  const count = pickWeighted(gen.random, [1, 2, 3, 4, 5, 6], (n) => STREAM_COUNT_WEIGHTS[n - 1] ?? 0);
  const chosen = new Map<string, StreamKind>();
  // A company has a given resource in a given direction at most once; a few retries fill the count.
  for (let attempt = 0; chosen.size < count && attempt < count * 10; attempt++) {
    const kind = pickWeighted(gen.random, gen.kinds, (k) => k.weight);
    chosen.set(`${kind.direction}|${kind.resource.id}`, kind);
  }
  return [...chosen.values()];
}

function syntheticStream(gen: Generator, companyId: string, { resource, direction }: StreamKind): Stream {
  const status = pickFrom(gen.random, STATUS_WEIGHTS);
  return {
    id: `${companyId}-${direction === 'output' ? 'out' : 'in'}-${resource.id}`,
    direction,
    resourceId: resource.id,
    status,
    ...streamYears(gen.random, status),
    quantity: syntheticQuantity(gen.random, resource, gen.medians.get(resource.id) ?? 1_000),
    source: gen.source,
    verification: 'estimate',
    visibility: 'public',
  };
}

function syntheticCompany(gen: Generator, number: number): CompanyFeature {
  const { random } = gen;
  const place = placeCompany(random, gen.land, gen.options);
  const kinds = chooseStreamKinds(gen);
  // The name says what the company mainly does, and carries its number so that names and ids are unique.
  const sector = SECTORS[kinds[0]?.resource.category ?? 'material'];
  const name = `${place.town.name} ${sector.word} ${number}`;
  const id = slugify(name);
  const role = pickFrom(random, ROLE_WEIGHTS);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
    properties: {
      id,
      name,
      aliases: [],
      kind: pickFrom(random, KIND_WEIGHTS),
      role,
      ...partnerYears(random, role),
      // A membership names where it comes from: here, the generator itself.
      ...(role === 'partner' || role === 'former-partner' ? { membershipSource: gen.source } : {}),
      municipality: place.municipality,
      locationAccuracy: pickFrom(random, ACCURACY_WEIGHTS),
      locationSource: place.clustered
        ? `synthetic point near ${place.town.name} (seed ${gen.options.seed})`
        : `synthetic point on Zealand (seed ${gen.options.seed})`,
      nace: [sector.nace],
      description: {
        da: 'Syntetisk virksomhed, genereret til belastningstest af atlasset.',
        en: 'Synthetic company, generated to load-test the atlas.',
      },
      source: gen.source,
      visibility: 'public',
      streams: kinds.map((kind) => syntheticStream(gen, id, kind)),
    },
  };
}

// ——— Exchanges ——————————————————————————————————————————————————————————————————————————————————————————————

interface LocatedStream {
  company: CompanyFeature;
  stream: Stream;
}

const EXCHANGE_STATUS_WEIGHTS = [
  ['existing', 70],
  ['proposed', 20],
  ['rejected', 10],
] as const;

/**
 * By default about one exchange per hundred companies between a current output and a current input of the
 * same resource within its transport distance, so that novelty (already linked, rejected) is exercised too;
 * many more for a benchmark of dense flows.
 */
function syntheticExchanges(gen: Generator, companies: readonly CompanyFeature[]): Exchange[] {
  const { random } = gen;
  const outputs: LocatedStream[] = [];
  const inputsByResource = new Map<string, LocatedStream[]>();
  for (const company of companies) {
    for (const stream of currentStreams(company.properties.streams)) {
      if (stream.direction === 'output') outputs.push({ company, stream });
      else if (company.properties.kind !== 'natural-source') {
        const list = inputsByResource.get(stream.resourceId) ?? [];
        list.push({ company, stream });
        inputsByResource.set(stream.resourceId, list);
      }
    }
  }
  const maxKmOf = new Map(gen.options.resources.map((r) => [r.id, r.maxTransportKm]));
  const exchanges = new Map<string, Exchange>();
  const wanted = gen.options.exchanges ?? Math.floor(companies.length / 100);
  for (let attempt = 0; exchanges.size < wanted && attempt < wanted * 20; attempt++) {
    const from = outputs[Math.floor(random() * outputs.length)];
    const inputs = from ? inputsByResource.get(from.stream.resourceId) : undefined;
    if (!from || !inputs) continue;
    const maxKm = maxKmOf.get(from.stream.resourceId) ?? 0;
    for (let probe = 0; probe < 30; probe++) {
      const to = inputs[Math.floor(random() * inputs.length)];
      if (!to || to.company === from.company) continue;
      if (distance(from.company.geometry, to.company.geometry) > maxKm) continue;
      const status = pickFrom(random, EXCHANGE_STATUS_WEIGHTS);
      const id = `${from.company.properties.id}-${from.stream.resourceId}-to-${to.company.properties.id}`;
      exchanges.set(id, {
        id,
        from: from.company.properties.id,
        to: to.company.properties.id,
        resourceId: from.stream.resourceId,
        status,
        startYear: status === 'existing' ? intBetween(random, 1990, LATEST_YEAR) : null,
        endYear: null,
        quantity: { value: null, unit: from.stream.quantity.unit },
        impact: [],
        source: gen.source,
        verification: 'estimate',
        visibility: 'public',
      });
      break;
    }
  }
  return [...exchanges.values()];
}

// ——— The region —————————————————————————————————————————————————————————————————————————————————————————————

export function generateRegion(options: RegionOptions): {
  companies: CompanyCollection;
  exchanges: Exchange[];
} {
  if (!Number.isInteger(options.companies) || options.companies < 0) {
    throw new RangeError(`companies must be an integer ≥ 0, got ${options.companies}`);
  }
  if (options.resources.length === 0) throw new Error('a synthetic region needs at least one resource');
  const gen: Generator = {
    random: mulberry32(options.seed),
    options,
    land: biggestLandPolygon(options.land),
    kinds: streamKinds(options.resources, options.reference),
    medians: typicalQuantities(options.resources, options.reference),
    // One shared array: the schema wants a source on every record, and 100,000 copies would only cost memory.
    source: [`Synthetic data: npm run gen, seed ${options.seed} (not a real company)`],
  };
  const features: CompanyFeature[] = [];
  for (let number = 1; number <= options.companies; number++) features.push(syntheticCompany(gen, number));
  return {
    companies: { type: 'FeatureCollection', features },
    exchanges: syntheticExchanges(gen, features),
  };
}

/** The whole Dataset the store seeds from: the real resources, synthetic companies and a few exchanges. */
export function syntheticDataset(options: RegionOptions): Dataset {
  const { companies, exchanges } = generateRegion(options);
  return { resources: [...options.resources], companies, exchanges, impactFigures: [], places: null };
}
