import type { Point } from './diagram-elk.ts';

/** Drawing an ELK route as SVG: an orthogonal line with rounded corners, ending in an arrowhead. */

const round = (value: number) => Math.round(value * 10) / 10;

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return from;
  const t = Math.min(1, distance / length);
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

/**
 * The route as a path, its corners rounded (at most half of the shorter segment each side) and its end
 * pulled back by `trimEnd` so the line stops where the arrowhead begins.
 */
export function routePath(points: readonly Point[], radius: number, trimEnd = 0): string {
  if (points.length < 2) return '';
  const route = [...points];
  const last = route.length - 1;
  const end = route[last] as Point;
  const beforeEnd = route[last - 1] as Point;
  const length = Math.hypot(end.x - beforeEnd.x, end.y - beforeEnd.y);
  route[last] = towards(end, beforeEnd, Math.min(trimEnd, length));

  const first = route[0] as Point;
  let d = `M${round(first.x)} ${round(first.y)}`;
  for (let i = 1; i < route.length - 1; i++) {
    const previous = route[i - 1] as Point;
    const corner = route[i] as Point;
    const next = route[i + 1] as Point;
    const r = Math.min(
      radius,
      Math.hypot(corner.x - previous.x, corner.y - previous.y) / 2,
      Math.hypot(next.x - corner.x, next.y - corner.y) / 2,
    );
    const enter = towards(corner, previous, r);
    const leave = towards(corner, next, r);
    d += ` L${round(enter.x)} ${round(enter.y)} Q${round(corner.x)} ${round(corner.y)} ${round(leave.x)} ${round(leave.y)}`;
  }
  const final = route[route.length - 1] as Point;
  return `${d} L${round(final.x)} ${round(final.y)}`;
}

/** The arrowhead at the route's end: a triangle `size` long pointing along the last segment. */
export function arrowHead(points: readonly Point[], size: number): string {
  const tip = points.at(-1);
  const base = points.at(-2);
  if (!tip || !base) return '';
  const length = Math.hypot(tip.x - base.x, tip.y - base.y) || 1;
  const ux = (tip.x - base.x) / length;
  const uy = (tip.y - base.y) / length;
  const back = { x: tip.x - ux * size, y: tip.y - uy * size };
  const half = size * 0.55;
  const left = { x: back.x - uy * half, y: back.y + ux * half };
  const right = { x: back.x + uy * half, y: back.y - ux * half };
  return [tip, left, right].map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}
