import type { FlowArc } from './flow-arcs.ts';
import type { LonLat } from './flow-paths.ts';

/** A dot moving along a flow from giver to receiver: direction made visible, at one speed for every flow. */
export interface FlowParticle {
  id: string;
  position: LonLat;
  colour: [number, number, number, number];
  radiusPx: number;
}

/** Particles per arc, spread evenly along it; a loop takes `LOOP_MS` whatever the flow's quantity. */
const PARTICLES_PER_ARC = 3;
export const LOOP_MS = 4000;
/** Beyond this many arcs the animation would cost more than it tells: the arrows carry direction alone. */
export const MAX_ANIMATED_ARCS = 3000;

function pointAlong(path: readonly LonLat[], t: number): LonLat {
  const scaled = t * (path.length - 1);
  const i = Math.min(path.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const [x0, y0] = path[i] ?? [0, 0];
  const [x1, y1] = path[i + 1] ?? [x0, y0];
  return [x0 + (x1 - x0) * f, y0 + (y1 - y0) * f];
}

/** Where the particles are at `timeMs`: a pure function of time, so the picture can be tested frame by frame. */
export function flowParticles(arcs: readonly FlowArc[], timeMs: number): FlowParticle[] {
  if (arcs.length > MAX_ANIMATED_ARCS) return [];
  const phase = (timeMs % LOOP_MS) / LOOP_MS;
  const particles: FlowParticle[] = [];
  for (const arc of arcs) {
    if (arc.stub || arc.path.length < 2) continue;
    const colour = arc.colors.at(-1) ?? [90, 90, 90, 255];
    for (let k = 0; k < PARTICLES_PER_ARC; k++) {
      const t = (phase + k / PARTICLES_PER_ARC) % 1;
      particles.push({
        id: `${arc.id}#${k}`,
        position: pointAlong(arc.path, t),
        colour: [colour[0], colour[1], colour[2], 255],
        radiusPx: Math.max(2, arc.widthPx * 0.7),
      });
    }
  }
  return particles;
}
