import { readFile } from 'node:fs/promises';
import {
  bboxPolygon,
  buffer,
  difference,
  featureCollection,
  flatten,
  intersect,
  rewind,
  union,
} from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import mapshaper from 'mapshaper';
import polylabel from 'polylabel';
import { basemapExtent, regionMunicipalities } from '../../domain/basemap.ts';
import { signedRingArea } from '../../domain/geojson.ts';
import { roundGeometry } from './geojson-utils.ts';

export interface MunicipalityProperties {
  komkode: string;
  name: string;
  /** One of the secretariat's three municipalities. */
  region: boolean;
}

export interface MunicipalityBorderProperties {
  /** The border touches one of the secretariat's three municipalities (drawn solid, not dashed). */
  region: boolean;
}

export interface MunicipalityLayers {
  /** One feature per municipality: its DAGI area, clipped to the GSHHG land the basemap draws. */
  areas: FeatureCollection<Polygon | MultiPolygon, MunicipalityProperties>;
  /** Only the borders between municipalities, on land: the coast is the shoreline layer's alone. */
  borders: FeatureCollection<LineString | MultiLineString, MunicipalityBorderProperties>;
  labels: FeatureCollection<Point, MunicipalityProperties>;
}

export class DagiInputError extends Error {}

/**
 * How far a municipality reaches out over DAGI's sea to meet GSHHG's coast. DAGI (1:500,000) and GSHHG
 * disagree by up to a few hundred metres; without the reach, land that DAGI calls sea would show untinted
 * along the coast. 1.5 km covers every gap in the box without crossing a fjord to the other shore's land.
 */
const coastReachKm = 1.5;

const regionCodes = new Set<string>(regionMunicipalities.map((m) => m.code));

type Area = Feature<Polygon | MultiPolygon>;

function isPolygonal(feature: Feature): feature is Area {
  return feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon';
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function unionAll(areas: readonly Area[]): Area | null {
  if (areas.length === 0) return null;
  if (areas.length === 1) return areas[0] ?? null;
  return union(featureCollection([...areas]));
}

function minus(area: Area | null, cut: Area | null): Area | null {
  if (!area || !cut) return area;
  return difference(featureCollection([area, cut]));
}

function within(area: Area | null, mask: Area): Area | null {
  if (!area) return null;
  return intersect(featureCollection([area, mask]));
}

interface DagiMunicipality {
  komkode: string;
  name: string;
  parts: Area[];
}

/** DAGI stores islands as separate features: group them per komkode, checking the properties we rely on. */
function groupByMunicipality(dagi: FeatureCollection): DagiMunicipality[] {
  const byCode = new Map<string, DagiMunicipality>();
  for (const [index, feature] of dagi.features.entries()) {
    const komkode = feature.properties?.komkode;
    const name = feature.properties?.komnavn;
    if (typeof komkode !== 'string' || typeof name !== 'string') {
      throw new DagiInputError(`feature ${index} lacks the string properties komkode and komnavn`);
    }
    if (!isPolygonal(feature)) {
      throw new DagiInputError(`feature ${index} (${name}) is not a Polygon or MultiPolygon`);
    }
    const entry = byCode.get(komkode) ?? { komkode, name, parts: [] };
    entry.parts.push({ type: 'Feature', properties: {}, geometry: feature.geometry });
    byCode.set(komkode, entry);
  }
  return [...byCode.values()].sort((a, b) => a.komkode.localeCompare(b.komkode));
}

/**
 * Each municipality's area on the drawn land: DAGI's area, widened over DAGI's sea by `coastReachKm` (never
 * into a neighbour: reaches are handed out in komkode order and each takes only what is still free), then
 * clipped to the land polygons. The fills then end exactly where the shoreline is drawn.
 */
function landAreas(municipalities: readonly DagiMunicipality[], land: Area): Map<string, Area> {
  const dagiUnion = unionAll(municipalities.flatMap((m) => m.parts));
  const dagiSea = minus(bboxPolygon(basemapExtent), dagiUnion);
  const areas = new Map<string, Area>();
  let taken: Area | null = dagiUnion;
  for (const municipality of municipalities) {
    const own = unionAll(municipality.parts);
    if (!own) continue;
    const widened = buffer(own, coastReachKm, { units: 'kilometers' });
    const reach = widened && dagiSea ? minus(within(widened, dagiSea), minus(taken, own)) : null;
    const extended = reach ? unionAll([own, reach]) : own;
    const onLand = within(extended, land);
    if (onLand) areas.set(municipality.komkode, onLand);
    if (reach) taken = unionAll(taken ? [taken, reach] : [reach]);
  }
  return areas;
}

/**
 * Lines along the borders DAGI's municipalities share (mapshaper's topology finds shared edges exactly), cut
 * to the land so that no border runs out over the water.
 */
async function landBorders(
  municipalities: readonly DagiMunicipality[],
  land: Area,
): Promise<MunicipalityLayers['borders']> {
  const input = featureCollection(
    municipalities.map((m) => ({
      type: 'Feature' as const,
      properties: { komkode: m.komkode, region: regionCodes.has(m.komkode) },
      geometry: {
        type: 'MultiPolygon' as const,
        coordinates: m.parts.flatMap((p) => polygonsOf(p.geometry)),
      },
    })),
  );
  const borders: Feature<LineString | MultiLineString, MunicipalityBorderProperties>[] = [];
  for (const region of [true, false]) {
    const where = region ? 'A.region || B.region' : '!A.region && !B.region';
    const output = await mapshaper.applyCommands(
      `-i dagi.json -innerlines where="${where}" -clip land.json -o format=geojson geojson-type=FeatureCollection lines.json`,
      { 'dagi.json': input, 'land.json': featureCollection([land]) },
    );
    const lines = JSON.parse(String(output['lines.json'])) as FeatureCollection<LineString | MultiLineString>;
    for (const line of lines.features) {
      if (line.geometry) borders.push({ type: 'Feature', properties: { region }, geometry: line.geometry });
    }
  }
  return {
    type: 'FeatureCollection',
    features: borders.map((b) => ({ ...b, geometry: roundGeometry(b.geometry) })),
  };
}

/** The label goes on the pole of inaccessibility of the largest part (the mainland), never in the sea. */
function labelPoint(area: Area): Position {
  const largest = polygonsOf(area.geometry).reduce((best, polygon) =>
    Math.abs(signedRingArea(polygon[0] ?? [])) > Math.abs(signedRingArea(best[0] ?? [])) ? polygon : best,
  );
  const rings = largest.map((ring) => ring.map(([x = 0, y = 0]): [number, number] => [x, y]));
  const [lon = 0, lat = 0] = polylabel(rings, 0.0005);
  return [lon, lat];
}

/**
 * The municipality layers the basemap draws, derived once from DAGI and the GSHHG land and committed:
 * areas for fills and point-in-municipality checks, borders between municipalities, and label points.
 */
export async function deriveMunicipalityLayers(
  dagi: FeatureCollection,
  landPolygons: FeatureCollection,
): Promise<MunicipalityLayers> {
  const municipalities = groupByMunicipality(dagi);
  const land = unionAll(flatten(landPolygons as FeatureCollection<Polygon | MultiPolygon>).features);
  if (!land) throw new DagiInputError('the land layer has no polygons to clip the municipalities to');

  const areasByCode = landAreas(municipalities, land);
  const areas: MunicipalityLayers['areas']['features'] = [];
  const labels: MunicipalityLayers['labels']['features'] = [];
  for (const { komkode, name } of municipalities) {
    const area = areasByCode.get(komkode);
    if (!area) continue;
    const properties = { komkode, name, region: regionCodes.has(komkode) };
    const geometry = roundGeometry(rewind(area.geometry, { reverse: false }) as Polygon | MultiPolygon);
    areas.push({ type: 'Feature', properties, geometry });
    labels.push({
      type: 'Feature',
      properties,
      geometry: roundGeometry({ type: 'Point', coordinates: labelPoint(area) }),
    });
  }
  return {
    areas: { type: 'FeatureCollection', features: areas },
    borders: await landBorders(municipalities, land),
    labels: { type: 'FeatureCollection', features: labels },
  };
}

export async function readGeoJsonCollection(file: string): Promise<FeatureCollection> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new DagiInputError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { type?: unknown }).type !== 'FeatureCollection' ||
    !Array.isArray((parsed as { features?: unknown }).features)
  ) {
    throw new DagiInputError(`${file} is not a GeoJSON FeatureCollection`);
  }
  return parsed as FeatureCollection;
}
