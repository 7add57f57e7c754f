/**
 * Builds the committed land and lake GeoJSON from GSHHG full resolution via GMT. GMT is only needed when
 * regenerating: start, build and CI read the committed files in geodata/.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiLineString, Polygon } from 'geojson';
import { basemapExtent } from '../../domain/basemap.ts';
import { signedRingArea } from '../../domain/geojson.ts';
import {
  assembleFaces,
  type BBox,
  countVertices,
  type Face,
  finishFace,
  interiorPoint,
  type Position,
  parseGmtSegments,
  pointInFace,
  shorelineLines,
  smoothFace,
} from './coastline-geometry.ts';

/** Chaikin passes for the display file; two hide GSHHG's raster stair-steps without visibly moving capes. */
const SMOOTHING_ITERATIONS = 2;
const DECIMALS = 5;
const INSTALL_HINT =
  'Install GMT and the full-resolution GSHHG shorelines: apt-get install gmt gmt-gshhg-full';

/** Lakes we can name, by a point inside each. Lake Tissø is not in GSHHG and so cannot appear here. */
const KNOWN_LAKES: { name: string; point: Position }[] = [{ name: 'Arresø', point: [12.1, 55.97] }];

/** GMT's five shore classes, in the order `gmt select -N` takes them. */
const GSHHG_CLASSES = ['ocean', 'land', 'lake', 'island', 'pond'] as const;
type GshhgClass = (typeof GSHHG_CLASSES)[number];

export interface CoastlineFileSummary {
  file: string;
  features: number;
  /** Distinct vertices over all rings (closing repeats not counted). */
  vertices: number;
  bytes: number;
}

export interface CoastlineSummary {
  bbox: BBox;
  /** Non-empty shoreline segments GMT returned. */
  segments: number;
  /** Faces of the shoreline arrangement by GSHHG class. */
  faces: Record<GshhgClass, number>;
  files: CoastlineFileSummary[];
}

export interface BuildCoastlineOptions {
  outDir: string;
  /** [west, south, east, north]; defaults to the basemap extent. */
  bbox?: BBox;
}

interface LandProperties {
  kind: 'land';
}

interface LakeProperties {
  kind: 'lake';
  name: string | null;
}

export async function isGmtAvailable(): Promise<boolean> {
  try {
    await runGmt(['--version'], os.tmpdir());
    return true;
  } catch {
    return false;
  }
}

export async function buildCoastline(options: BuildCoastlineOptions): Promise<CoastlineSummary> {
  const bbox = options.bbox ?? basemapExtent;
  if (!(await isGmtAvailable())) throw new Error(`GMT ('gmt') was not found on PATH. ${INSTALL_HINT}`);
  // GMT drops gmt.history into its working directory; keep that out of the repository.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'coastline-'));
  try {
    const shoreText = await runGmt(['coast', gmtRegion(bbox), '-Df', '-M', '-W'], workDir);
    const segments = parseGmtSegments(shoreText);
    if (segments.length === 0) throw new Error(`GMT returned no shoreline for ${gmtRegion(bbox)}`);
    const faces = assembleFaces(segments, bbox);
    const classes = await classifyPoints(
      faces.map((face) => interiorPoint(face)),
      bbox,
      workDir,
    );
    const files = await writeOutputs(faces, classes, bbox, options.outDir);
    return { bbox, segments: segments.length, faces: countClasses(classes), files };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function gmtRegion([west, south, east, north]: BBox): string {
  return `-R${west}/${east}/${south}/${north}`;
}

function runGmt(args: string[], cwd: string, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'gmt',
      args,
      { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(gmtError(args, error, stderr));
        else resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });
}

function gmtError(args: string[], error: Error & { code?: unknown }, stderr: string): Error {
  if (error.code === 'ENOENT') return new Error(`GMT ('gmt') was not found on PATH. ${INSTALL_HINT}`);
  const detail = stderr.trim() || error.message;
  return new Error(`gmt ${args.join(' ')} failed: ${detail}\n${INSTALL_HINT}`, { cause: error });
}

/**
 * Asks GMT which class each point falls in, one `gmt select` per class; the point index rides along as a
 * third column. Every point must come back exactly once, or the faces and GSHHG disagree.
 */
async function classifyPoints(points: Position[], bbox: BBox, cwd: string): Promise<GshhgClass[]> {
  const input = points.map(([lon, lat], i) => `${lon} ${lat} ${i}`).join('\n');
  const classes: (GshhgClass | undefined)[] = points.map(() => undefined);
  for (const [k, gshhgClass] of GSHHG_CLASSES.entries()) {
    const mask = GSHHG_CLASSES.map((_, j) => (j === k ? 'k' : 's')).join('/');
    const kept = await runGmt(['select', gmtRegion(bbox), '-Df', `-N${mask}`], cwd, `${input}\n`);
    for (const index of keptIndices(kept)) {
      if (classes[index] !== undefined) throw new Error(`GMT put face ${index} in two classes`);
      classes[index] = gshhgClass;
    }
  }
  return classes.map((gshhgClass, i) => {
    if (gshhgClass === undefined)
      throw new Error(`GMT did not classify face ${i} at ${points[i]?.join(' ')}`);
    return gshhgClass;
  });
}

function keptIndices(gmtOutput: string): number[] {
  return gmtOutput
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('>') && !line.startsWith('#'))
    .map((line) => Number(line.split(/\s+/)[2]));
}

function countClasses(classes: GshhgClass[]): Record<GshhgClass, number> {
  const counts = { ocean: 0, land: 0, lake: 0, island: 0, pond: 0 };
  for (const gshhgClass of classes) counts[gshhgClass]++;
  return counts;
}

async function writeOutputs(
  faces: Face[],
  classes: GshhgClass[],
  bbox: BBox,
  outDir: string,
): Promise<CoastlineFileSummary[]> {
  // Land is GSHHG level 1 minus lakes plus islands in lakes: exactly GMT's dry classes.
  const land = sortFaces(faces.filter((_, i) => classes[i] === 'land' || classes[i] === 'island'));
  const lakes = sortFaces(faces.filter((_, i) => classes[i] === 'lake' || classes[i] === 'pond'));
  const landProperties = (): LandProperties => ({ kind: 'land' });
  const lakeProperties = (face: Face): LakeProperties => ({ kind: 'lake', name: lakeName(face) });
  await mkdir(outDir, { recursive: true });
  return [
    await writeCollection(outDir, 'land.geojson', displayFaces(land, bbox), landProperties),
    await writeCollection(outDir, 'land.raw.geojson', land, landProperties),
    // Lakes get the same smoothing as the holes they fill in land.geojson, so the two line up exactly.
    await writeCollection(outDir, 'lakes.geojson', displayFaces(lakes, bbox), lakeProperties),
    await writeShoreline(outDir, 'shoreline.geojson', displayFaces(land, bbox), bbox),
  ];
}

/** Rounded faces, largest first; ties broken by position so output never depends on GMT's bin order. */
function sortFaces(faces: Face[]): Face[] {
  const finished = faces.map((face) => finishFace(face, DECIMALS)).filter((face) => face !== null);
  return finished
    .map((face) => ({ face, area: signedRingArea(face.outer), key: JSON.stringify(face.outer[0]) }))
    .sort((a, b) => b.area - a.area || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ face }) => face);
}

/** Smoothed from the rounded raw faces, so the feature order matches land.raw.geojson. */
function displayFaces(faces: Face[], bbox: BBox): Face[] {
  return faces
    .map((face) => finishFace(smoothFace(face, SMOOTHING_ITERATIONS, bbox), DECIMALS))
    .filter((face) => face !== null);
}

function lakeName(face: Face): string | null {
  return KNOWN_LAKES.find((lake) => pointInFace(lake.point, face))?.name ?? null;
}

async function writeCollection<P extends LandProperties | LakeProperties>(
  outDir: string,
  file: string,
  faces: Face[],
  properties: (face: Face) => P,
): Promise<CoastlineFileSummary> {
  const collection: FeatureCollection<Polygon, P> = {
    type: 'FeatureCollection',
    features: faces.map(
      (face): Feature<Polygon, P> => ({
        type: 'Feature',
        properties: properties(face),
        geometry: { type: 'Polygon', coordinates: [face.outer, ...face.holes] },
      }),
    ),
  };
  const text = `${JSON.stringify(collection)}\n`;
  await writeFile(path.join(outDir, file), text);
  return {
    file,
    features: faces.length,
    vertices: faces.reduce((sum, face) => sum + countVertices(face), 0),
    bytes: Buffer.byteLength(text),
  };
}

/** Lines for drawing the coast: the land outline minus the box edge, where the data was only clipped. */
async function writeShoreline(
  outDir: string,
  file: string,
  land: Face[],
  bbox: BBox,
): Promise<CoastlineFileSummary> {
  const lines = shorelineLines(land, bbox);
  const collection: FeatureCollection<MultiLineString, { kind: 'shoreline' }> = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'shoreline' },
        geometry: { type: 'MultiLineString', coordinates: lines },
      },
    ],
  };
  const text = `${JSON.stringify(collection)}\n`;
  await writeFile(path.join(outDir, file), text);
  return {
    file,
    features: 1,
    vertices: lines.reduce((sum, line) => sum + line.length, 0),
    bytes: Buffer.byteLength(text),
  };
}
