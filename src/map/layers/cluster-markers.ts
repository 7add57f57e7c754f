import type { CompanyRole } from '../../domain/company.ts';
import type { PlaceNode } from '../clustering/place-clusters.ts';
import { markerPalette } from '../colour.ts';
import type { LonLat } from './flow-paths.ts';

/** A cluster as drawn: a ring split by role around its member count. */
export interface ClusterMarker {
  id: string;
  position: LonLat;
  radiusPx: number;
  memberCount: number;
  memberIds: readonly string[];
  roles: Record<CompanyRole, number>;
  icon: { id: string; url: string; width: number; height: number };
}

const ROLE_ORDER: readonly CompanyRole[] = ['partner', 'registered-potential', 'former-partner', 'external'];
const ROLE_COLOUR: Record<CompanyRole, string> = {
  partner: markerPalette.partner,
  'registered-potential': '#6FA8B8',
  'former-partner': markerPalette.formerPartner,
  external: markerPalette.external,
};

const ICON_PX = 64;
const RING_WIDTH = 9;

/** Bigger for more members, by square root so area follows the count; capped so a cluster never hides a town. */
export function clusterRadiusPx(memberCount: number): number {
  return Math.min(34, 11 + 3 * Math.sqrt(memberCount));
}

/**
 * The ring as an SVG: one arc per role, in a fixed order, on a white disc the count is written on. Shares
 * are rounded to whole percent, so clusters with the same mix reuse one icon.
 */
export function clusterIcon(roles: Record<CompanyRole, number>): ClusterMarker['icon'] {
  const total = ROLE_ORDER.reduce((sum, role) => sum + roles[role], 0) || 1;
  const shares = ROLE_ORDER.map((role) => Math.round((100 * roles[role]) / total));
  const radius = ICON_PX / 2 - RING_WIDTH / 2 - 1;
  const circumference = 2 * Math.PI * radius;
  let start = 0;
  const arcs = ROLE_ORDER.map((role, i) => {
    const length = ((shares[i] ?? 0) / 100) * circumference;
    const arc =
      length > 0
        ? `<circle cx="32" cy="32" r="${radius}" fill="none" stroke="${ROLE_COLOUR[role]}" stroke-width="${RING_WIDTH}" stroke-dasharray="${length} ${circumference - length}" stroke-dashoffset="${-start}" transform="rotate(-90 32 32)"/>`
        : '';
    start += length;
    return arc;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_PX}" height="${ICON_PX}"><circle cx="32" cy="32" r="30" fill="#FFFFFF" stroke="#1B2A33" stroke-width="1.5"/>${arcs}</svg>`;
  return {
    id: `cluster-${shares.join('-')}`,
    url: `data:image/svg+xml;base64,${btoa(svg)}`,
    width: ICON_PX,
    height: ICON_PX,
  };
}

export function buildClusterMarkers(nodes: readonly PlaceNode[]): ClusterMarker[] {
  return nodes
    .filter((node) => node.kind === 'cluster')
    .map((node) => ({
      id: node.id,
      position: node.position,
      radiusPx: clusterRadiusPx(node.memberIds.length),
      memberCount: node.memberIds.length,
      memberIds: node.memberIds,
      roles: node.roles,
      icon: clusterIcon(node.roles),
    }));
}
