/**
 * The thematic layers' images are named by what they show, `atlas-<kind>-<detail>`: an arrowhead or a glyph
 * by its colour (`atlas-arrow-d55e00`), a cluster ring by its role shares (`atlas-cluster-60-20-20-0`), a
 * pipeline stage mark by its stage (`atlas-stage-agreement`). The
 * map draws each one the first time a layer asks for it (see map/icon-images.ts), so no image is made that
 * nothing shows, and features only carry a name.
 */
export type IconKind = 'arrow' | 'stub' | 'dot' | 'ring' | 'cluster' | 'stage';

const PREFIX = 'atlas-';
const KINDS: readonly IconKind[] = ['arrow', 'stub', 'dot', 'ring', 'cluster', 'stage'];

export function iconId(kind: IconKind, detail: string): string {
  return `${PREFIX}${kind}-${detail}`;
}

export function parseIconId(id: string): { kind: IconKind; detail: string } | null {
  if (!id.startsWith(PREFIX)) return null;
  const rest = id.slice(PREFIX.length);
  const dash = rest.indexOf('-');
  const kind = KINDS.find((candidate) => candidate === rest.slice(0, dash));
  return kind ? { kind, detail: rest.slice(dash + 1) } : null;
}
