import type { TFunction } from 'i18next';
import type { PlaceNode } from '../map/clustering/place-clusters.ts';

/** Up to this many members, a cluster is named after its largest one: a town name says little about two plants. */
const NAMED_BY_MEMBER_UP_TO = 3;

/** "Kalundborg · 20 companies", or "Asnæs Power Station and 1 more" for a small cluster; a company's own name. */
export function nodeName(node: PlaceNode, t: TFunction): string {
  if (node.kind === 'company') return node.name;
  const count = node.memberIds.length;
  if (count <= NAMED_BY_MEMBER_UP_TO || node.placeName === null) {
    return t('map.clusterByMember', { name: node.name, count: count - 1 });
  }
  return t('map.clusterName', { name: node.placeName, count });
}
