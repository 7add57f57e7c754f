/**
 * Pure geometry steps that turn GMT's GSHHG shoreline dump (`gmt coast -M -W`) into polygon faces.
 * No I/O here: classifying a face as land or water needs GMT and lives in coastline.ts.
 *
 * Rings are GeoJSON-style: closed, the last position repeats the first.
 */
import { isCounterClockwise, signedRingArea } from '../../domain/geojson.ts';

/** [lon, lat] */
export type Position = [number, number];
export type Ring = Position[];
/** [west, south, east, north], as in a GeoJSON bbox. */
export type BBox = [number, number, number, number];

export interface ShoreSegment {
  /** GSHHG level of the polygon the segment belongs to: 1 land, 2 lake, 3 island in lake, 4 pond. */
  level: number;
  coordinates: Position[];
}

/** A region bounded by one outer ring and the rings directly nested in it. */
export interface Face {
  /** Counter-clockwise. */
  outer: Ring;
  /** Clockwise. */
  holes: Ring[];
}

/** Distance in degrees below which two values count as equal; GMT prints 10 decimals. */
const EPSILON = 1e-9;

// ---------------------------------------------------------------------------------------------------------
// Parsing

/**
 * Parses `gmt coast -M -W` text: `>` header lines (`> Shore Bin # 12250, Level 1`) separate segments of
 * `lon lat` rows. GMT prints a header for every bin it visits, so empty segments are common and dropped.
 */
export function parseGmtSegments(text: string): ShoreSegment[] {
  const segments: ShoreSegment[] = [];
  let current: ShoreSegment | null = null;
  const flush = (): void => {
    if (current && current.coordinates.length >= 2) segments.push(current);
  };
  const lines = text.split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('>')) {
      flush();
      current = { level: parseLevel(line), coordinates: [] };
      continue;
    }
    current ??= { level: 1, coordinates: [] };
    current.coordinates.push(parsePosition(line, index + 1));
  }
  flush();
  return segments;
}

function parseLevel(header: string): number {
  const match = /Level\s+(\d+)/i.exec(header);
  return match?.[1] ? Number(match[1]) : 1;
}

function parsePosition(line: string, lineNumber: number): Position {
  const [lonText, latText] = line.split(/[\s,]+/);
  const lon = Number(lonText);
  const lat = Number(latText);
  if (lonText === undefined || latText === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new Error(`Cannot parse GMT output line ${lineNumber}: "${line}"`);
  }
  return [lon, lat];
}

// ---------------------------------------------------------------------------------------------------------
// Small planar helpers (degrees are fine: only signs and relative sizes matter)

export function samePosition(a: Position, b: Position): boolean {
  return Math.abs(a[0] - b[0]) <= EPSILON && Math.abs(a[1] - b[1]) <= EPSILON;
}

function endsMeet(line: Position[]): boolean {
  const first = line[0];
  const last = line[line.length - 1];
  return first !== undefined && last !== undefined && samePosition(first, last);
}

/** A ring with at least three distinct points; shorter closed pieces are slivers and get dropped. */
export function isClosed(line: Position[]): boolean {
  return line.length >= 4 && endsMeet(line);
}

/** Even-odd ray casting; points exactly on an edge may go either way. */
export function pointInRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInFace(point: Position, face: Face): boolean {
  return pointInRing(point, face.outer) && !face.holes.some((hole) => pointInRing(point, hole));
}

function closeRing(positions: Position[]): Ring {
  const ring = dropRepeats(positions);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && !samePosition(first, last)) ring.push([first[0], first[1]]);
  return ring;
}

function dropRepeats(positions: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of positions) {
    const previous = out[out.length - 1];
    if (!previous || !samePosition(previous, p)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Joining segments into rings and box-to-box chains

export interface JoinedLines {
  /** Closed shorelines wholly inside the box (islands, lakes). */
  rings: Ring[];
  /** Open shorelines; both ends lie on the box edge. */
  chains: Position[][];
}

/**
 * GMT cuts shorelines at its 1-degree bins and at the box. Pieces of one shoreline share exact end points and
 * keep the same direction, so they chain end-to-start.
 */
export function joinSegments(segments: ShoreSegment[], bbox: BBox): JoinedLines {
  const lines = segments.map((s) => dropRepeats(s.coordinates)).filter((line) => line.length >= 2);
  const joined = [...lines.filter(endsMeet), ...chainOpenLines(lines.filter((line) => !endsMeet(line)))];
  const rings: Ring[] = [];
  const chains: Position[][] = [];
  for (const line of joined) {
    if (!endsMeet(line)) chains.push(...splitAlongBoxEdge(line, bbox));
    else if (touchesBoxEdgeAlongAnEdge(line, bbox)) {
      chains.push(...splitAlongBoxEdge(ringFromBoxEdge(line, bbox), bbox));
    } else if (isClosed(line)) rings.push(closeRing(line));
  }
  for (const chain of chains) assertEndsOnBoxEdge(chain, bbox);
  return { rings, chains };
}

/** True when segment a–b lies on one side of the box. */
function runsAlongBoxEdge(a: Position, b: Position, bbox: BBox): boolean {
  const [west, south, east, north] = bbox;
  const near = (u: number, v: number): boolean => Math.abs(u - v) <= EPSILON;
  return (
    (near(a[0], west) && near(b[0], west)) ||
    (near(a[0], east) && near(b[0], east)) ||
    (near(a[1], south) && near(b[1], south)) ||
    (near(a[1], north) && near(b[1], north))
  );
}

/**
 * Where a shoreline leaves the box and comes back, GMT's clipped line follows the box edge in between instead
 * of breaking. Those stretches would overlap the box outline when regions are traced, so cut them out: each
 * remaining piece then runs from box edge to box edge through the inside.
 */
export function splitAlongBoxEdge(line: Position[], bbox: BBox): Position[][] {
  const pieces: Position[][] = [];
  let current: Position[] = [line[0] as Position];
  for (let i = 1; i < line.length; i++) {
    const p = line[i] as Position;
    if (runsAlongBoxEdge(line[i - 1] as Position, p, bbox)) {
      if (current.length >= 2) pieces.push(current);
      current = [p];
    } else {
      current.push(p);
    }
  }
  if (current.length >= 2) pieces.push(current);
  return pieces;
}

function touchesBoxEdgeAlongAnEdge(ring: Ring, bbox: BBox): boolean {
  return ring.some((p, i) => i > 0 && runsAlongBoxEdge(ring[i - 1] as Position, p, bbox));
}

/** The same closed ring, started right after a stretch along the box edge, so splitting it leaves whole pieces. */
function ringFromBoxEdge(ring: Ring, bbox: BBox): Ring {
  const open = ring.slice(0, -1);
  const start = ring.findIndex((p, i) => i > 0 && runsAlongBoxEdge(ring[i - 1] as Position, p, bbox));
  const rotated = [...open.slice(start % open.length), ...open.slice(0, start % open.length)];
  return [...rotated, rotated[0] as Position];
}

function positionKey(p: Position): string {
  return `${p[0].toFixed(8)},${p[1].toFixed(8)}`;
}

function chainOpenLines(lines: Position[][]): Position[][] {
  const byStart = new Map<string, number>();
  const byEnd = new Map<string, number>();
  lines.forEach((line, i) => {
    byStart.set(positionKey(line[0] as Position), i);
    byEnd.set(positionKey(line[line.length - 1] as Position), i);
  });
  const used = new Set<number>();
  const chains: Position[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (used.has(i)) continue;
    used.add(i);
    let chain = [...(lines[i] as Position[])];
    // Extend forwards, then backwards: the first piece seen may sit anywhere along the shoreline.
    let next = byStart.get(positionKey(chain[chain.length - 1] as Position));
    while (next !== undefined && !used.has(next)) {
      used.add(next);
      chain = chain.concat((lines[next] as Position[]).slice(1));
      next = byStart.get(positionKey(chain[chain.length - 1] as Position));
    }
    let previous = byEnd.get(positionKey(chain[0] as Position));
    while (previous !== undefined && !used.has(previous)) {
      used.add(previous);
      chain = (lines[previous] as Position[]).slice(0, -1).concat(chain);
      previous = byEnd.get(positionKey(chain[0] as Position));
    }
    chains.push(chain);
  }
  return chains;
}

function assertEndsOnBoxEdge(chain: Position[], bbox: BBox): void {
  for (const end of [chain[0], chain[chain.length - 1]] as Position[]) {
    if (!isOnBoxEdge(end, bbox)) {
      throw new Error(
        `Shoreline piece ends inside the box at ${end[0]} ${end[1]}: GMT output could not be joined into rings`,
      );
    }
  }
}

export function isOnBoxEdge(p: Position, bbox: BBox): boolean {
  const [west, south, east, north] = bbox;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= EPSILON;
  return near(p[0], west) || near(p[0], east) || near(p[1], south) || near(p[1], north);
}

// ---------------------------------------------------------------------------------------------------------
// Faces

/**
 * Position along the box outline, counter-clockwise from the south-west corner: 0–1 south edge, 1–2 east,
 * 2–3 north, 3–4 west. Corners sit at whole numbers.
 */
export function perimeterPosition(p: Position, bbox: BBox): number {
  const [west, south, east, north] = bbox;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= EPSILON;
  const [x, y] = p;
  if (near(y, south) && x < east - EPSILON) return (x - west) / (east - west);
  if (near(x, east) && y < north - EPSILON) return 1 + (y - south) / (north - south);
  if (near(y, north) && x > west + EPSILON) return 2 + (east - x) / (east - west);
  if (near(x, west)) return 3 + (north - y) / (north - south);
  throw new Error(`Point ${x} ${y} is not on the box edge`);
}

function boxCorners(bbox: BBox): Position[] {
  const [west, south, east, north] = bbox;
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
  ];
}

/** Box corners passed when walking counter-clockwise from perimeter position `from` to `to`. */
function cornersBetween(from: number, to: number, bbox: BBox): Position[] {
  const corners = boxCorners(bbox);
  const end = to > from ? to : to + 4;
  const passed: Position[] = [];
  for (let t = Math.floor(from) + 1; t < end; t++) passed.push(corners[t % 4] as Position);
  return passed;
}

interface ChainEnd {
  chain: number;
  atStart: boolean;
  t: number;
}

/**
 * Splits the box into the regions separated by box-to-box chains. Shorelines do not cross, so walking along
 * a chain and then counter-clockwise along the box edge to the next chain end traces one region with its
 * interior on the left; every chain is walked once in each direction.
 */
export function partitionBox(chains: Position[][], bbox: BBox): Ring[] {
  if (chains.length === 0) return [closeRing(boxCorners(bbox))];
  const ends = sortedChainEnds(chains, bbox);
  const order = new Map<string, number>(ends.map((end, i) => [dartKey(end.chain, end.atStart), i]));
  const walked = new Set<string>();
  const regions: Ring[] = [];
  for (let chain = 0; chain < chains.length; chain++) {
    for (const forward of [true, false]) {
      if (walked.has(dartKey(chain, forward))) continue;
      regions.push(traceRegion(chains, ends, order, walked, { chain, forward }, bbox));
    }
  }
  return regions;
}

function dartKey(chain: number, forward: boolean): string {
  return `${chain}:${forward}`;
}

function sortedChainEnds(chains: Position[][], bbox: BBox): ChainEnd[] {
  const ends: ChainEnd[] = chains.flatMap((chain, i) => [
    { chain: i, atStart: true, t: perimeterPosition(chain[0] as Position, bbox) },
    { chain: i, atStart: false, t: perimeterPosition(chain[chain.length - 1] as Position, bbox) },
  ]);
  ends.sort((a, b) => a.t - b.t);
  for (let i = 1; i < ends.length; i++) {
    if ((ends[i] as ChainEnd).t - (ends[i - 1] as ChainEnd).t <= EPSILON) {
      throw new Error('Two shoreline pieces meet the box edge at the same point');
    }
  }
  return ends;
}

function traceRegion(
  chains: Position[][],
  ends: ChainEnd[],
  order: Map<string, number>,
  walked: Set<string>,
  start: { chain: number; forward: boolean },
  bbox: BBox,
): Ring {
  const positions: Position[] = [];
  let dart = start;
  do {
    walked.add(dartKey(dart.chain, dart.forward));
    const line = chains[dart.chain] as Position[];
    positions.push(...(dart.forward ? line : [...line].reverse()));
    // A forward walk arrives at the chain's end, a backward walk at its start.
    const arrivalIndex = order.get(dartKey(dart.chain, !dart.forward)) as number;
    const arrival = ends[arrivalIndex] as ChainEnd;
    const next = ends[(arrivalIndex + 1) % ends.length] as ChainEnd;
    positions.push(...cornersBetween(arrival.t, next.t, bbox));
    dart = { chain: next.chain, forward: next.atStart };
  } while (dart.chain !== start.chain || dart.forward !== start.forward);
  return closeRing(positions);
}

/**
 * Builds every face of the arrangement: the box regions plus each closed ring, each with the rings directly
 * inside it as holes. Faces alternate land and water but which is which is left to the caller (GMT).
 */
export function assembleFaces(segments: ShoreSegment[], bbox: BBox): Face[] {
  const { rings, chains } = joinSegments(segments, bbox);
  const regions = partitionBox(chains, bbox);
  const all = [...regions, ...rings].map((ring) => ({ ring, area: Math.abs(signedRingArea(ring)) }));
  const holesOf = all.map((): Ring[] => []);
  rings.forEach((ring, i) => {
    const parent = findParent(regions.length + i, all);
    if (parent === undefined) throw new Error('A closed shoreline lies outside the box');
    holesOf[parent]?.push(ring);
  });
  return all.map(({ ring }, i) => ({
    outer: orientRing(ring, true),
    holes: (holesOf[i] ?? []).map((hole) => orientRing(hole, false)),
  }));
}

/** The smallest ring containing ring `child`; rings never cross, so one vertex decides. */
function findParent(child: number, all: { ring: Ring; area: number }[]): number | undefined {
  const { ring, area } = all[child] as { ring: Ring; area: number };
  const probe = ring[0] as Position;
  let best: number | undefined;
  all.forEach((candidate, i) => {
    if (i === child || candidate.area <= area || !pointInRing(probe, candidate.ring)) return;
    if (best === undefined || candidate.area < (all[best] as { area: number }).area) best = i;
  });
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Interior point

/**
 * A point well inside a face, for asking GMT whether the face is land. Centroids and turf's pointOnFeature
 * can land on the shoreline itself, so scan a few latitudes, take the midpoint of each inside stretch, and
 * keep the one farthest from any edge (a cheap pole of inaccessibility).
 */
export function interiorPoint(face: Face, rows = 24): Position {
  const rings = [face.outer, ...face.holes];
  const ys = face.outer.map((p) => p[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  let best: { point: Position; clearance: number } | undefined;
  for (let row = 0; row < rows; row++) {
    // The odd offset keeps scan lines off the round-number latitudes where vertices tend to sit.
    const y = minY + ((row + 0.5 + 1e-7) / rows) * (maxY - minY);
    for (const point of stretchMidpoints(rings, y)) {
      const clearance = distanceToRings(point, rings);
      if (!best || clearance > best.clearance) best = { point, clearance };
    }
  }
  if (!best) throw new Error('Face has no interior');
  return best.point;
}

function stretchMidpoints(rings: Ring[], y: number): Position[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as Position;
      const [x2, y2] = ring[i + 1] as Position;
      if (y1 <= y !== y2 <= y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  xs.sort((a, b) => a - b);
  const midpoints: Position[] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const left = xs[i] as number;
    const right = xs[i + 1] as number;
    if (right > left) midpoints.push([(left + right) / 2, y]);
  }
  return midpoints;
}

function distanceToRings(p: Position, rings: Ring[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      min = Math.min(min, distanceToSegment(p, ring[i] as Position, ring[i + 1] as Position));
    }
  }
  return min;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

// ---------------------------------------------------------------------------------------------------------
// Display clean-up: smoothing, rounding, winding

/**
 * Chaikin corner cutting. GSHHG full was traced from a raster and shows 100–180 m stair-steps at zoom 12+;
 * one or two passes hide them while moving the line by well under a step. Vertices on the box edge stay put,
 * so clipped land still meets the box edge and straight box edges stay straight.
 */
export function chaikinSmoothRing(ring: Ring, iterations: number, bbox: BBox): Ring {
  let current = ring.slice(0, -1);
  for (let pass = 0; pass < iterations && current.length >= 3; pass++) {
    current = chaikinPass(current, bbox);
  }
  return closeRing(current);
}

function chaikinPass(open: Position[], bbox: BBox): Position[] {
  const out: Position[] = [];
  const n = open.length;
  for (let i = 0; i < n; i++) {
    const previous = open[(i + n - 1) % n] as Position;
    const p = open[i] as Position;
    const next = open[(i + 1) % n] as Position;
    if (isOnBoxEdge(p, bbox)) {
      out.push(p);
      continue;
    }
    // Each free vertex is replaced by the two points a quarter of the way along its two edges.
    out.push(lerp(p, previous, 0.25), lerp(p, next, 0.25));
  }
  return out;
}

function lerp(a: Position, b: Position, t: number): Position {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/**
 * Rounds to `decimals` places (5 ≈ 1 m) and drops the repeats that rounding creates. Returns null when the
 * ring collapses to fewer than three distinct points.
 */
export function roundRing(ring: Ring, decimals = 5): Ring | null {
  const factor = 10 ** decimals;
  const round = (v: number): number => Math.round(v * factor) / factor;
  const rounded = closeRing(ring.map((p): Position => [round(p[0]), round(p[1])]));
  return rounded.length >= 4 ? rounded : null;
}

/** RFC 7946 right-hand rule: exterior rings counter-clockwise, holes clockwise. */
export function orientRing(ring: Ring, counterClockwise: boolean): Ring {
  return isCounterClockwise(ring) === counterClockwise ? ring : [...ring].reverse();
}

/** Rounds and re-orients a face's rings; null when the outer ring collapses. Collapsed holes are dropped. */
export function finishFace(face: Face, decimals = 5): Face | null {
  const outer = roundRing(face.outer, decimals);
  if (!outer) return null;
  const holes = face.holes.map((hole) => roundRing(hole, decimals)).filter((hole) => hole !== null);
  return { outer: orientRing(outer, true), holes: holes.map((hole) => orientRing(hole, false)) };
}

export function smoothFace(face: Face, iterations: number, bbox: BBox): Face {
  return {
    outer: chaikinSmoothRing(face.outer, iterations, bbox),
    holes: face.holes.map((hole) => chaikinSmoothRing(hole, iterations, bbox)),
  };
}

/** Distinct vertices (the closing repeat is not counted). */
export function countVertices(face: Face): number {
  return [face.outer, ...face.holes].reduce((sum, ring) => sum + ring.length - 1, 0);
}

// ---------------------------------------------------------------------------------------------------------
// Shoreline

/**
 * The real shoreline of some faces as lines: their rings without the stretches that run along the box edge,
 * which are where the data was clipped, not where land meets water. A ring that never touches the edge
 * comes back whole.
 */
export function shorelineLines(faces: Face[], bbox: BBox): Position[][] {
  const lines: Position[][] = [];
  for (const ring of faces.flatMap((face) => [face.outer, ...face.holes])) {
    let current: Position[] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      const alongEdge = isOnBoxEdge(a, bbox) && isOnBoxEdge(b, bbox);
      if (alongEdge) {
        if (current.length >= 2) lines.push(current);
        current = [];
        continue;
      }
      if (current.length === 0) current.push(a);
      current.push(b);
    }
    if (current.length >= 2) lines.push(current);
  }
  return lines;
}
