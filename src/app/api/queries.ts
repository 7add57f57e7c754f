import { useQuery } from '@tanstack/react-query';
import { basemapManifestSchema } from '../../domain/basemap.ts';
import { getJson } from './http.ts';

/** Every server-state hook lives here, keyed consistently, so caching and invalidation have one home. */
export const queryKeys = {
  basemap: ['basemap'] as const,
};

export function useBasemapManifest() {
  return useQuery({
    queryKey: queryKeys.basemap,
    queryFn: ({ signal }) => getJson('/api/basemap', basemapManifestSchema, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
