import {
  keepPreviousData,
  useMutation,
  useMutationState,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  type CompanyCreate,
  type ExchangePatch,
  type MapCompany,
  MapCompanyListSchema,
  SessionSchema,
  type StreamCreate,
} from '../../domain/api.ts';
import { basemapManifestSchema } from '../../domain/basemap.ts';
import { CompanyDetailSchema } from '../../domain/company-detail.ts';
import { CandidateExchangeListSchema, PartnerMatchListSchema } from '../../domain/matching/types.ts';
import {
  CompanyFeatureSchema,
  type Exchange,
  ExchangeListSchema,
  ExchangeSchema,
  PlaceCollectionSchema,
  ResourceListSchema,
  StreamRecordSchema,
} from '../../domain/schema.ts';
import { AtlasStatsSchema } from '../../domain/stats.ts';
import type { PartnerFinderState } from '../state/view-state.ts';
import { getJson, getVersioned, sendJson } from './http.ts';
import { activeToken, useSession } from './session.ts';

/**
 * Every server-state hook lives here. Keys carry who is asking (public or staff), so signing in or
 * previewing as the public refetches what that level may see. Each answer is parsed with the schema the
 * server declares for its route (src/domain/; the server's contract is src/server/contract.ts).
 */
export function useLevelKey(): 'staff' | 'public' {
  return useSession((state) => (activeToken(state) ? 'staff' : 'public'));
}

export const queryKeys = {
  basemap: ['basemap'] as const,
  all: (level: string) => [level] as const,
  resources: (level: string) => [level, 'resources'] as const,
  companies: (level: string) => [level, 'companies'] as const,
  exchanges: (level: string) => [level, 'exchanges'] as const,
  candidates: (level: string) => [level, 'candidates'] as const,
  company: (level: string, id: string) => [level, 'company', id] as const,
  exchange: (level: string, id: string) => [level, 'exchange', id] as const,
  partners: (level: string, finder: PartnerFinderState | null) => [level, 'partners', finder] as const,
  stats: (level: string) => [level, 'stats'] as const,
};

/** Who the server says the caller is: public, a partner (with its company) or secretariat staff. */
export function useServerSession() {
  const level = useLevelKey();
  return useQuery({
    queryKey: [level, 'session'],
    queryFn: ({ signal }) => getJson('/api/session', SessionSchema, signal),
    retry: false,
  });
}

export function useBasemapManifest() {
  return useQuery({
    queryKey: queryKeys.basemap,
    queryFn: ({ signal }) => getJson('/api/basemap', basemapManifestSchema, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The basemap's towns, which name the clusters of companies near them. */
export function useTowns() {
  const manifest = useBasemapManifest();
  const url = manifest.data?.places;
  return useQuery({
    queryKey: ['basemap', 'towns', url],
    enabled: url !== undefined,
    queryFn: async ({ signal }) => {
      const places = await getJson(url ?? '', PlaceCollectionSchema, signal);
      return places.features.flatMap((place) =>
        place.properties.kind === 'town' && place.geometry.type === 'Point'
          ? [
              {
                name: place.properties.name,
                position: [place.geometry.coordinates[0] ?? 0, place.geometry.coordinates[1] ?? 0] as [
                  number,
                  number,
                ],
              },
            ]
          : [],
      );
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useResources() {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.resources(level),
    queryFn: ({ signal }) => getJson('/api/resources', ResourceListSchema, signal),
    staleTime: 10 * 60_000,
  });
}

/** The map's lean company layer: what markers, labels, clustering, filters and search need (details per id). */
export function useMapCompanies() {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.companies(level),
    queryFn: ({ signal }) => getJson('/api/map/companies', MapCompanyListSchema, signal),
  });
}

export function useExchanges() {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.exchanges(level),
    queryFn: ({ signal }) => getJson('/api/exchanges', ExchangeListSchema, signal),
  });
}

/** All computed candidates (the engine ranks them); fetched only when the candidate layer is on. */
export function useCandidates(enabled: boolean) {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.candidates(level),
    queryFn: ({ signal }) => getJson('/api/candidates?limit=500', CandidateExchangeListSchema, signal),
    enabled,
  });
}

export type { CompanyDetail } from '../../domain/company-detail.ts';

export function useCompanyDetail(id: string | null) {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.company(level, id ?? ''),
    queryFn: ({ signal }) =>
      getJson(`/api/companies/${encodeURIComponent(id ?? '')}`, CompanyDetailSchema, signal),
    enabled: id !== null,
  });
}

export function usePartners(finder: PartnerFinderState | null) {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.partners(level, finder),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({
        lon: String(finder?.lon),
        lat: String(finder?.lat),
        radiusKm: String(finder?.radiusKm),
        limit: '50',
      });
      if (finder?.resourceId) params.set('resource', finder.resourceId);
      if (finder?.direction) params.set('direction', finder.direction);
      return getJson(`/api/partners?${params}`, PartnerMatchListSchema, signal);
    },
    enabled: finder !== null,
    placeholderData: keepPreviousData,
  });
}

export function useStats() {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.stats(level),
    queryFn: ({ signal }) => getJson('/api/stats', AtlasStatsSchema, signal),
  });
}

/** After any write (or to reload after someone else's): everything derived may have changed. */
export function useInvalidateAll() {
  const client = useQueryClient();
  const level = useLevelKey();
  return () => client.invalidateQueries({ queryKey: queryKeys.all(level) });
}

export function useCreateCompany() {
  const client = useQueryClient();
  const level = useLevelKey();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: CompanyCreate) => sendJson('POST', '/api/companies', CompanyFeatureSchema, input),
    // Optimistic: the new company shows on the map at once, and goes away again if the server says no.
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: queryKeys.companies(level) });
      const previous = client.getQueryData<MapCompany[]>(queryKeys.companies(level));
      if (previous) {
        const pending: MapCompany = {
          id: `pending-${Date.now()}`,
          name: input.name,
          kind: input.kind ?? 'company',
          role: input.role ?? 'registered-potential',
          municipality: input.municipality,
          lon: input.location.lon,
          lat: input.location.lat,
          weight: 0,
          streams: [],
        };
        client.setQueryData(queryKeys.companies(level), [...previous, pending]);
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) client.setQueryData(queryKeys.companies(level), context.previous);
    },
    onSettled: invalidate,
  });
}

export function useCreateStream(companyId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: StreamCreate) =>
      sendJson('POST', `/api/companies/${encodeURIComponent(companyId)}/streams`, StreamRecordSchema, input),
    onSettled: invalidate,
  });
}

export function useCreateCandidate() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: { from: string; to: string; resourceId: string }) =>
      sendJson('POST', '/api/exchanges', ExchangeSchema, input),
    onSettled: invalidate,
  });
}

/** One exchange as stored, with the ETag an edit of it sends back (staff only: only they may edit it). */
export function useExchangeRecord(id: string | null, enabled: boolean) {
  const level = useLevelKey();
  return useQuery({
    queryKey: queryKeys.exchange(level, id ?? ''),
    queryFn: ({ signal }) =>
      getVersioned(`/api/exchanges/${encodeURIComponent(id ?? '')}`, ExchangeSchema, signal),
    enabled: enabled && id !== null,
  });
}

const exchangeUpdateKey = ['exchange-update'] as const;

export interface ExchangeUpdate {
  id: string;
  patch: ExchangePatch;
  etag: string;
}

/**
 * The latest status change of this exchange, wherever it was made: the panel that made it may have been
 * replaced meanwhile (the optimistic change can take the flow off the map and back), and its answer, a 412
 * above all, must still be shown. `dismiss` forgets it.
 */
export function useLatestExchangeUpdate(id: string | null) {
  const client = useQueryClient();
  const latest =
    useMutationState({
      filters: {
        mutationKey: exchangeUpdateKey,
        predicate: (mutation) => (mutation.state.variables as ExchangeUpdate | undefined)?.id === id,
      },
      select: (mutation) => ({
        mutationId: mutation.mutationId,
        status: mutation.state.status,
        error: mutation.state.error,
        variables: mutation.state.variables as ExchangeUpdate | undefined,
      }),
    }).at(-1) ?? null;
  const dismiss = () => {
    const cache = client.getMutationCache();
    const mutation = cache.getAll().find((candidate) => candidate.mutationId === latest?.mutationId);
    if (mutation) cache.remove(mutation);
  };
  return { latest, dismiss };
}

export function useUpdateExchange() {
  const client = useQueryClient();
  const level = useLevelKey();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationKey: exchangeUpdateKey,
    mutationFn: ({ id, patch, etag }: ExchangeUpdate) =>
      sendJson('PATCH', `/api/exchanges/${encodeURIComponent(id)}`, ExchangeSchema, patch, etag),
    // Optimistic: the status changes in lists and on the map before the server answers.
    onMutate: async ({ id, patch }) => {
      await client.cancelQueries({ queryKey: queryKeys.exchanges(level) });
      const previous = client.getQueryData<Exchange[]>(queryKeys.exchanges(level));
      if (previous && patch.status) {
        client.setQueryData(
          queryKeys.exchanges(level),
          previous.map((exchange) => (exchange.id === id ? { ...exchange, status: patch.status } : exchange)),
        );
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) client.setQueryData(queryKeys.exchanges(level), context.previous);
    },
    // Only after a success: refetching after a refusal would replace what the editor is looking at (and the
    // panel with the refusal's message); after a 412 the editor chooses to reload or overwrite.
    onSuccess: invalidate,
  });
}
