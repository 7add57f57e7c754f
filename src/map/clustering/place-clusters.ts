import type { Feature, Point } from 'geojson';
import Supercluster, { type ClusterProperties } from 'supercluster';
import type { CompanyRole } from '../../domain/company.ts';
import { COMPANY_ROLES } from '../../domain/company.ts';
import { compareIds } from '../../domain/ids.ts';
import { cachedPoint, kmBetween } from '../../domain/matching/distance.ts';
import type { LonLat } from '../layers/flow-paths.ts';

/** A company as clustering sees it: where it is, what it is, and how much it weighs when naming a cluster. */
export interface PlacePoint {
  id: string;
  name: string;
  position: LonLat;
  role: CompanyRole;
  /** Bigger = more side-streams; the heaviest member names a cluster that no town names. */
  weight: number;
}

export interface Town {
  name: string;
  position: LonLat;
}

/** What the map draws at one zoom: a company on its own, or a cluster of companies that lie close together. */
export interface PlaceNode {
  /** The company's id, or `cluster-<n>` (stable for one dataset and zoom). */
  id: string;
  kind: 'company' | 'cluster';
  position: LonLat;
  memberIds: string[];
  /** Members per role, so a cluster shows its mix (partners, potentials, former, outside parties). */
  roles: Record<CompanyRole, number>;
  /** The company's name; for a cluster, the heaviest member's name. */
  name: string;
  /** For a cluster: the nearest town within `TOWN_RADIUS_KM` of its centre, which then names it. */
  placeName: string | null;
  /** For a cluster: the zoom at which it splits up; a click flies there. */
  expansionZoom: number | null;
}

export interface PlaceLevel {
  zoom: number;
  nodes: PlaceNode[];
  /** Company id → id of the node it is drawn in at this zoom. */
  nodeOf: ReadonlyMap<string, string>;
}

/** Companies closer than this on screen merge: about two marker diameters, where circles start to overlap. */
export const CLUSTER_RADIUS_PX = 32;
/**
 * Above this zoom every company stands alone: from zoom 12 the harbour's plants, 200–400 m apart, are far
 * enough apart to read one by one (the story's harbour chapters are framed there), and labels give way.
 */
export const CLUSTER_MAX_ZOOM = 11;
const TOWN_RADIUS_KM = 5;

type PointProps = { index: number };

function emptyRoles(): Record<CompanyRole, number> {
  return Object.fromEntries(COMPANY_ROLES.map((role) => [role, 0])) as Record<CompanyRole, number>;
}

/** A company standing alone as its own node. */
function companyNode(point: PlacePoint): PlaceNode {
  const roles = emptyRoles();
  roles[point.role] = 1;
  return {
    id: point.id,
    kind: 'company',
    position: point.position,
    memberIds: [point.id],
    roles,
    name: point.name,
    placeName: null,
    expansionZoom: null,
  };
}

function nearestTown([lon, lat]: LonLat, towns: readonly Town[]): string | null {
  const centre = cachedPoint(lon, lat);
  let best: { name: string; km: number } | null = null;
  for (const town of towns) {
    const km = kmBetween(centre, cachedPoint(...town.position));
    if (km <= TOWN_RADIUS_KM && (!best || km < best.km)) best = { name: town.name, km };
  }
  return best?.name ?? null;
}

/**
 * Companies clustered by zoom with supercluster (the hierarchical greedy clustering MapLibre itself uses),
 * built once per set of companies; each zoom's level is computed on first use and kept.
 */
export class PlaceClusterIndex {
  private readonly index: Supercluster<PointProps, PointProps>;
  private readonly levels = new Map<number, PlaceLevel>();

  constructor(
    private readonly points: readonly PlacePoint[],
    private readonly towns: readonly Town[] = [],
  ) {
    this.index = new Supercluster<PointProps, PointProps>({
      radius: CLUSTER_RADIUS_PX,
      maxZoom: CLUSTER_MAX_ZOOM,
      minPoints: 2,
    });
    const features: Feature<Point, PointProps>[] = points.map((point, index) => ({
      type: 'Feature',
      properties: { index },
      geometry: { type: 'Point', coordinates: point.position },
    }));
    this.index.load(features);
  }

  /** The nodes at a map zoom (fractional zooms use the level below, as MapLibre's own clusters do). */
  level(mapZoom: number): PlaceLevel {
    const zoom = Math.max(0, Math.min(CLUSTER_MAX_ZOOM + 1, Math.floor(mapZoom)));
    const cached = this.levels.get(zoom);
    if (cached) return cached;
    const level = this.computeLevel(zoom);
    this.levels.set(zoom, level);
    return level;
  }

  private computeLevel(zoom: number): PlaceLevel {
    const nodes: PlaceNode[] = [];
    const nodeOf = new Map<string, string>();
    for (const feature of this.index.getClusters([-180, -85, 180, 85], zoom)) {
      const position: LonLat = [feature.geometry.coordinates[0] ?? 0, feature.geometry.coordinates[1] ?? 0];
      const properties = feature.properties as Partial<ClusterProperties> & Partial<PointProps>;
      if (properties.cluster && properties.cluster_id !== undefined) {
        const clusterId = properties.cluster_id;
        const members = this.index
          .getLeaves(clusterId, Number.POSITIVE_INFINITY)
          .map((leaf) => this.points[leaf.properties.index])
          .filter((point): point is PlacePoint => point !== undefined)
          .sort((a, b) => b.weight - a.weight || compareIds(a.id, b.id));
        const roles = emptyRoles();
        for (const member of members) roles[member.role]++;
        const id = `cluster-${clusterId}`;
        for (const member of members) nodeOf.set(member.id, id);
        nodes.push({
          id,
          kind: 'cluster',
          position,
          memberIds: members.map((member) => member.id),
          roles,
          name: members[0]?.name ?? id,
          placeName: nearestTown(position, this.towns),
          expansionZoom: Math.min(this.index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1),
        });
      } else {
        const point = this.points[properties.index ?? -1];
        if (!point) continue;
        nodeOf.set(point.id, point.id);
        nodes.push(companyNode(point));
      }
    }
    nodes.sort((a, b) => compareIds(a.id, b.id));
    return { zoom, nodes, nodeOf };
  }
}

/** Every company its own node: the map with clustering switched off. */
export function unclusteredLevel(points: readonly PlacePoint[], zoom: number): PlaceLevel {
  const nodes = points.map(companyNode);
  return { zoom, nodes, nodeOf: new Map(points.map((point) => [point.id, point.id])) };
}
