import { describe, expect, it } from 'vitest';
import { assignBends, curvedPath, type FlowEnds, type LonLat } from './flow-paths.ts';

// Real sites from geodata/companies.geojson.
const ASNAES: LonLat = [11.0809, 55.6615];
const NOVO_NORDISK: LonLat = [11.123, 55.669];
const REFINERY: LonLat = [11.0928, 55.6798];
const FORS_HOLBAEK: LonLat = [11.7135, 55.7166];

/**
 * Which side of the straight line from→to a point lies on, in the same local plane the curve is built in
 * (a degree of longitude shortened by cos(latitude)): negative = right of travel, positive = left.
 */
function side(from: LonLat, to: LonLat, point: LonLat): number {
  const scale = Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180);
  const [dx, dy] = [(to[0] - from[0]) * scale, to[1] - from[1]];
  const [px, py] = [(point[0] - from[0]) * scale, point[1] - from[1]];
  return dx * py - dy * px;
}

const middle = (path: readonly LonLat[]): LonLat =>
  path[Math.floor(path.length / 2)] ?? [Number.NaN, Number.NaN];

/** Largest distance of any point from the chord, in the local plane (degrees of latitude). */
function bulge(from: LonLat, to: LonLat, path: readonly LonLat[]): number {
  const scale = Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180);
  const length = Math.hypot((to[0] - from[0]) * scale, to[1] - from[1]);
  return Math.max(...path.map((p) => Math.abs(side(from, to, p)) / length));
}

const flow = (id: string, from: LonLat, to: LonLat): FlowEnds => ({ id, from, to });

describe('a flow curve', () => {
  it.each([
    ['Asnæs → Novo Nordisk', ASNAES, NOVO_NORDISK],
    ['Novo Nordisk → Asnæs', NOVO_NORDISK, ASNAES],
    ['the refinery → Asnæs', REFINERY, ASNAES],
    ['Kalundborg → Holbæk', NOVO_NORDISK, FORS_HOLBAEK],
  ])('%s starts and ends exactly on the two markers', (_label, from, to) => {
    const path = curvedPath(from, to, 0.18);
    expect(path[0]).toEqual(from);
    expect(path.at(-1)).toEqual(to);
  });

  it('ends exactly on the markers wherever they are, not just close by', () => {
    const places: LonLat[] = [];
    for (let lon = -179.3; lon < 180; lon += 17.9) {
      for (let lat = -84.7; lat < 85; lat += 9.7) places.push([lon, lat]);
    }
    const misses = places.flatMap((from, i) => {
      const to = places[(i * 7 + 3) % places.length] ?? from;
      const path = curvedPath(from, to, 0.18);
      const [first, last] = [path[0], path.at(-1)];
      return first?.[0] === from[0] && first[1] === from[1] && last?.[0] === to[0] && last[1] === to[1]
        ? []
        : [[from, to]];
    });
    expect(misses).toEqual([]);
  });

  it('is a smooth polyline of the requested number of segments', () => {
    expect(curvedPath(ASNAES, NOVO_NORDISK, 0.18)).toHaveLength(25);
    expect(curvedPath(ASNAES, NOVO_NORDISK, 0.18, 8)).toHaveLength(9);
  });

  it('bulges to the right of travel', () => {
    // Travelling due east, right is south.
    const east = curvedPath([11, 55.7], [11.2, 55.7], 0.2);
    expect(middle(east)[1]).toBeLessThan(55.7);
    // Travelling due north, right is east.
    const north = curvedPath([11.1, 55.6], [11.1, 55.8], 0.2);
    expect(middle(north)[0]).toBeGreaterThan(11.1);
    // And on a diagonal, between real sites.
    for (const [from, to] of [
      [ASNAES, NOVO_NORDISK],
      [REFINERY, ASNAES],
      [NOVO_NORDISK, FORS_HOLBAEK],
    ] as const) {
      const path = curvedPath(from, to, 0.18);
      expect(path.slice(1, -1).every((point) => side(from, to, point) < 0)).toBe(true);
    }
  });

  it('puts A→B and B→A on opposite sides, so a two-way exchange reads as two lines', () => {
    const there = curvedPath(ASNAES, NOVO_NORDISK, 0.18);
    const back = curvedPath(NOVO_NORDISK, ASNAES, 0.18);
    expect(side(ASNAES, NOVO_NORDISK, middle(there))).toBeLessThan(0);
    expect(side(ASNAES, NOVO_NORDISK, middle(back))).toBeGreaterThan(0);
  });

  it('bulges more with a bigger bend and not at all with none', () => {
    const gentle = bulge(ASNAES, NOVO_NORDISK, curvedPath(ASNAES, NOVO_NORDISK, 0.18));
    const strong = bulge(ASNAES, NOVO_NORDISK, curvedPath(ASNAES, NOVO_NORDISK, 0.3));
    expect(strong).toBeGreaterThan(gentle);
    expect(bulge(ASNAES, NOVO_NORDISK, curvedPath(ASNAES, NOVO_NORDISK, 0))).toBeCloseTo(0, 12);
  });

  it('bulges in proportion to its length, so short and long flows look alike', () => {
    const short = curvedPath(ASNAES, NOVO_NORDISK, 0.2);
    const long = curvedPath(NOVO_NORDISK, FORS_HOLBAEK, 0.2);
    const scale = Math.cos((55.67 * Math.PI) / 180);
    const chord = (a: LonLat, b: LonLat) => Math.hypot((b[0] - a[0]) * scale, b[1] - a[1]);
    const shortRatio = bulge(ASNAES, NOVO_NORDISK, short) / chord(ASNAES, NOVO_NORDISK);
    const longRatio = bulge(NOVO_NORDISK, FORS_HOLBAEK, long) / chord(NOVO_NORDISK, FORS_HOLBAEK);
    expect(shortRatio).toBeCloseTo(longRatio, 2);
  });

  it('gives no NaN for a flow from a place to itself', () => {
    const path = curvedPath(ASNAES, ASNAES, 0.18);
    expect(path.length).toBeGreaterThanOrEqual(2);
    expect(path.flat().every(Number.isFinite)).toBe(true);
    expect(path[0]).toEqual(ASNAES);
  });

  it('gives no NaN for two points very close together', () => {
    const path = curvedPath(ASNAES, [ASNAES[0] + 1e-9, ASNAES[1]], 0.18);
    expect(path.flat().every(Number.isFinite)).toBe(true);
  });
});

describe('bends of sibling flows', () => {
  it('give a lone flow the base bend', () => {
    const bends = assignBends([flow('steam', ASNAES, NOVO_NORDISK)]);
    expect(bends.get('steam')).toBeGreaterThan(0);
  });

  it('give flows between different places the same bend', () => {
    const bends = assignBends([flow('a', ASNAES, NOVO_NORDISK), flow('b', REFINERY, ASNAES)]);
    expect(bends.get('a')).toBe(bends.get('b'));
  });

  it('give several flows in the same direction between the same two places distinct bends', () => {
    // The refinery sends cooling water, surface water and technical water to Asnæs.
    const flows = [
      flow('cooling-water', REFINERY, ASNAES),
      flow('surface-water', REFINERY, ASNAES),
      flow('technical-water', REFINERY, ASNAES),
    ];
    const bends = assignBends(flows);
    expect(new Set(flows.map((f) => bends.get(f.id))).size).toBe(3);
  });

  it('never draw two sibling flows on top of each other, whatever their directions', () => {
    const flows = [
      flow('a', ASNAES, NOVO_NORDISK),
      flow('b', NOVO_NORDISK, ASNAES),
      flow('c', ASNAES, NOVO_NORDISK),
      flow('d', ASNAES, NOVO_NORDISK),
      flow('e', NOVO_NORDISK, ASNAES),
    ];
    const bends = assignBends(flows);
    const paths = flows.map((f) => JSON.stringify(curvedPath(f.from, f.to, bends.get(f.id) ?? Number.NaN)));
    expect(new Set(paths).size).toBe(flows.length);
  });

  it('treat A→B and B→A as siblings that already curve apart, without fanning them further', () => {
    const bends = assignBends([flow('there', ASNAES, NOVO_NORDISK), flow('back', NOVO_NORDISK, ASNAES)]);
    expect(bends.get('there')).toBe(bends.get('back'));
  });

  it('recognise the same place despite floating-point noise in its coordinates', () => {
    const bends = assignBends([
      flow('a', ASNAES, NOVO_NORDISK),
      flow('b', [ASNAES[0] + 1e-9, ASNAES[1]], NOVO_NORDISK),
    ]);
    expect(bends.get('a')).not.toBe(bends.get('b'));
  });

  it('give a flow from a place to itself a finite bend', () => {
    const bends = assignBends([flow('loop', ASNAES, ASNAES), flow('loop-2', ASNAES, ASNAES)]);
    expect([...bends.values()].every(Number.isFinite)).toBe(true);
  });
});
