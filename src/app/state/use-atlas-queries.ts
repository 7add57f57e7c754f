import { useMemo } from 'react';
import { indexMapCompanies } from '../../domain/map-companies.ts';
import { usePipeline } from '../api/pipeline-queries.ts';
import { useCandidates, useExchanges, useMapCompanies, useResources } from '../api/queries.ts';
import { indexResources } from './selectors.ts';
import { useUiStore } from './ui-store.ts';

// One empty list for "not loaded yet", so memoised steps downstream see the same input until data comes.
const none: readonly never[] = Object.freeze([]);

/** The server data the map is drawn from, indexed for lookup, with the status of its loading. */
export function useAtlasQueries() {
  const resourcesQuery = useResources();
  const companiesQuery = useMapCompanies();
  const exchangesQuery = useExchanges();
  const showCandidates = useUiStore((state) => state.showCandidates);
  const candidatesQuery = useCandidates(showCandidates);
  // Staff only (the hook asks nothing of anyone else): the stages the map marks on their arcs.
  const pipelineQuery = usePipeline();

  const resources = useMemo(() => indexResources(resourcesQuery.data ?? none), [resourcesQuery.data]);
  const allCompanies = companiesQuery.data ?? none;
  const companies = useMemo(() => indexMapCompanies(allCompanies), [allCompanies]);

  // Candidates are optional: the map is ready without them, and says when they are still coming.
  const required = [resourcesQuery, companiesQuery, exchangesQuery];
  return {
    status: required.some((q) => q.isError)
      ? ('error' as const)
      : required.every((q) => q.isSuccess)
        ? ('ready' as const)
        : ('loading' as const),
    error: required.find((q) => q.isError)?.error ?? null,
    retry: () => {
      for (const query of required) if (query.isError) void query.refetch();
    },
    candidatesLoading: showCandidates && candidatesQuery.isPending,
    resources,
    companies,
    allCompanies,
    exchanges: exchangesQuery.data ?? none,
    candidates: candidatesQuery.data ?? none,
    pipeline: pipelineQuery.data ?? none,
  };
}

export type AtlasQueries = ReturnType<typeof useAtlasQueries>;
