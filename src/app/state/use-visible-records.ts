import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { flowRecords } from '../../domain/flow-records.ts';
import {
  arcCountsByResource,
  type LayerFilters,
  selectVisibleCandidates,
  selectVisibleCompanies,
  selectVisibleExchanges,
  streamCountsByResource,
} from './selectors.ts';
import { selectViewState, useUiStore } from './ui-store.ts';
import type { AtlasQueries } from './use-atlas-queries.ts';

/** What the filters let through, memoised step by step: a filter change refetches nothing. */
export function useVisibleRecords(queries: AtlasQueries) {
  const view = useUiStore(useShallow(selectViewState));
  const { hiddenResources, statuses, municipality, category, year, showCandidates } = view;
  const filters = useMemo(
    (): LayerFilters => ({ hiddenResources, statuses, municipality, category, year, showCandidates }),
    [hiddenResources, statuses, municipality, category, year, showCandidates],
  );
  const { allCompanies, companies, resources, exchanges, candidates } = queries;

  const visibleCompanies = useMemo(
    () => selectVisibleCompanies(allCompanies, filters),
    [allCompanies, filters],
  );
  const visibleExchanges = useMemo(
    () => selectVisibleExchanges(exchanges, companies, resources, filters),
    [exchanges, companies, resources, filters],
  );
  const visibleCandidates = useMemo(
    () => selectVisibleCandidates(candidates, companies, resources, filters),
    [candidates, companies, resources, filters],
  );
  const flows = useMemo(
    () => flowRecords(visibleExchanges, visibleCandidates, filters.year),
    [visibleExchanges, visibleCandidates, filters.year],
  );
  const arcCounts = useMemo(
    () => arcCountsByResource(visibleExchanges, visibleCandidates),
    [visibleExchanges, visibleCandidates],
  );
  const streamCounts = useMemo(() => streamCountsByResource(allCompanies), [allCompanies]);

  return { filters, visibleCompanies, visibleExchanges, visibleCandidates, flows, arcCounts, streamCounts };
}

export type VisibleRecords = ReturnType<typeof useVisibleRecords>;
