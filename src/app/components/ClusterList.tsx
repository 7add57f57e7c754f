import { useTranslation } from 'react-i18next';
import type { PlaceNode } from '../../map/clustering/place-clusters.ts';
import { nodeName } from '../cluster-name.ts';
import { useUiStore } from '../state/ui-store.ts';

/**
 * The clusters on the map as a list for keyboard and screen-reader users: hidden until it takes focus, each
 * entry zooms into its cluster as a click on the ring does. Each entry names its members' ids, so what a
 * cluster holds can be checked against the data.
 */
export function ClusterList({
  nodes,
  zoom,
  withinNode,
}: {
  nodes: readonly PlaceNode[];
  zoom: number;
  /** Flows inside each cluster, which the map counts rather than draws. */
  withinNode: ReadonlyMap<string, number>;
}) {
  const { t } = useTranslation();
  const clusters = nodes.filter((node) => node.kind === 'cluster');
  if (clusters.length === 0) return null;
  return (
    <nav className="cluster-list" aria-label={t('map.clusterList')}>
      <ul>
        {clusters.map((node) => {
          const name = nodeName(node, t);
          return (
            <li
              key={node.id}
              data-cluster={node.id}
              data-count={node.memberIds.length}
              data-members={node.memberIds.join(' ')}
              data-internal={withinNode.get(node.id) ?? 0}
            >
              <button
                type="button"
                onClick={() =>
                  useUiStore.getState().requestFlyTo({
                    lon: node.position[0],
                    lat: node.position[1],
                    zoom: node.expansionZoom ?? zoom + 2,
                  })
                }
              >
                {t('map.zoomInto', { name })}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
