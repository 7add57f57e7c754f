import type { CompanyRole } from '../../domain/company.ts';
import type { PlaceNode } from '../clustering/place-clusters.ts';
import { markerPalette } from '../colour.ts';
import type { LonLat } from './flow-paths.ts';
import { iconId } from './icon-ids.ts';

/** A cluster as drawn: a ring split by role around its member count. */
export interface ClusterMarker {
  id: string;
  position: LonLat;
  radiusPx: number;
  memberCount: number;
  memberIds: readonly string[];
  roles: Record<CompanyRole, number>;
  /** The ring's image: one arc per role round a white disc the count is written on (see map/icon-images.ts). */
  iconId: string;
}

export const ROLE_ORDER: readonly CompanyRole[] = [
  'partner',
  'registered-potential',
  'former-partner',
  'external',
];
export const ROLE_COLOUR: Record<CompanyRole, string> = {
  partner: markerPalette.partner,
  'registered-potential': '#6FA8B8',
  'former-partner': markerPalette.formerPartner,
  external: markerPalette.external,
};

/** Bigger for more members, by square root so area follows the count; capped so a cluster never hides a town. */
export function clusterRadiusPx(memberCount: number): number {
  return Math.min(34, 11 + 3 * Math.sqrt(memberCount));
}

/**
 * Each role's share of a cluster in whole percent, in `ROLE_ORDER`: the ring is drawn from these, and
 * clusters with the same mix share one image.
 */
export function roleShares(roles: Record<CompanyRole, number>): number[] {
  const total = ROLE_ORDER.reduce((sum, role) => sum + roles[role], 0) || 1;
  return ROLE_ORDER.map((role) => Math.round((100 * roles[role]) / total));
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
      iconId: iconId('cluster', roleShares(node.roles).join('-')),
    }));
}
