/**
 * Flow lines as gentle curves rather than straight lines or 3D arcs: drawn flat they stay readable from
 * straight above (how the map is used), and curving to the right of travel separates A→B from B→A.
 * Several flows between the same two places get increasing bends, so none hides another.
 */

export type LonLat = [number, number];

export interface FlowEnds {
  id: string;
  from: LonLat;
  to: LonLat;
}

const SEGMENTS = 24;
const BASE_BEND = 0.18;
const BEND_STEP = 0.12;

/** Key of the two ends in travel order: flows in opposite directions already curve to opposite sides. */
function directedKey(from: LonLat, to: LonLat): string {
  return `${from[0].toFixed(5)},${from[1].toFixed(5)}|${to[0].toFixed(5)},${to[1].toFixed(5)}`;
}

/** The bend of each flow: siblings from and to the same two places fan out by one step each. */
export function assignBends(flows: readonly FlowEnds[]): Map<string, number> {
  const seen = new Map<string, number>();
  const bends = new Map<string, number>();
  for (const flow of flows) {
    // Counted per direction: A→B and B→A already lie on opposite sides, but two A→B flows with the same bend
    // would be drawn on top of each other.
    const key = directedKey(flow.from, flow.to);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    bends.set(flow.id, BASE_BEND + BEND_STEP * index);
  }
  return bends;
}

/**
 * A quadratic curve from `from` to `to`, bulging to the right of travel by `bend` × length. Computed in a
 * local plane where a degree of longitude is shortened by cos(latitude), so curves look round on the map.
 */
export function curvedPath(from: LonLat, to: LonLat, bend: number, segments = SEGMENTS): LonLat[] {
  const scale = Math.cos((((from[1] + to[1]) / 2) * Math.PI) / 180);
  const [x0, y0] = [from[0] * scale, from[1]];
  const [x1, y1] = [to[0] * scale, to[1]];
  const [dx, dy] = [x1 - x0, y1 - y0];
  if (dx === 0 && dy === 0) return [from, to];
  // Right-hand normal of the travel direction.
  const [cx, cy] = [(x0 + x1) / 2 + dy * bend, (y0 + y1) / 2 - dx * bend];
  const points: LonLat[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const u = 1 - t;
    const x = u * u * x0 + 2 * u * t * cx + t * t * x1;
    const y = u * u * y0 + 2 * u * t * cy + t * t * y1;
    // The ends exactly on the markers: dividing by `scale` again could be off in the last bit.
    points.push(i === 0 ? from : i === segments ? to : [x / scale, y]);
  }
  return points;
}
