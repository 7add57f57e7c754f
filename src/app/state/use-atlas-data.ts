import { useAtlasQueries } from './use-atlas-queries.ts';
import { useMapLayers } from './use-map-layers.ts';
import { useVisibleRecords } from './use-visible-records.ts';

/**
 * Server data + UI state → what the map draws and the panels list, in three steps kept apart as flowmap.gl
 * keeps them: the queries (use-atlas-queries.ts), the memoised selectors of what is visible
 * (use-visible-records.ts) and the layer input at this zoom (use-map-layers.ts).
 */
export function useAtlasData() {
  const queries = useAtlasQueries();
  const records = useVisibleRecords(queries);
  const layers = useMapLayers(queries, records);
  return { ...queries, ...records, ...layers };
}

export type AtlasData = ReturnType<typeof useAtlasData>;
