import { circle } from '@turf/turf';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AtlasLayerInput } from '../../map/layers/atlas-layers.ts';
import { buildCompanyMarkers, buildStreamGlyphs } from '../../map/layers/company-markers.ts';
import { buildFlowArcs } from '../../map/layers/flow-arcs.ts';
import { useCandidates, useCompanies, useExchanges, useResources } from '../api/queries.ts';
import {
  arcCountsByResource,
  indexCompanies,
  indexResources,
  isResourceShown,
  type LayerFilters,
  selectVisibleCandidates,
  selectVisibleCompanies,
  selectVisibleExchanges,
  streamCountsByResource,
} from './selectors.ts';
import { selectViewState, useUiStore } from './ui-store.ts';

/**
 * Server data + UI state → what the map draws and the panels list. One hook, memoised step by step, so a
 * hover does not rebuild the arcs and a filter change does not refetch anything.
 */
export function useAtlasData() {
  const resourcesQuery = useResources();
  const companiesQuery = useCompanies();
  const exchangesQuery = useExchanges();
  const showCandidates = useUiStore((state) => state.showCandidates);
  const candidatesQuery = useCandidates(showCandidates);
  const view = useUiStore(useShallow(selectViewState));
  const hover = useUiStore((state) => state.hover);
  const storyHighlight = useUiStore((state) => state.storyHighlight);

  const resources = useMemo(() => indexResources(resourcesQuery.data ?? []), [resourcesQuery.data]);
  const allCompanies = companiesQuery.data?.features;
  const companies = useMemo(() => indexCompanies(allCompanies ?? []), [allCompanies]);

  const { hiddenResources, statuses, municipality, category, year } = view;
  const filters = useMemo(
    (): LayerFilters => ({ hiddenResources, statuses, municipality, category, year, showCandidates }),
    [hiddenResources, statuses, municipality, category, year, showCandidates],
  );

  const visibleCompanies = useMemo(
    () => selectVisibleCompanies(allCompanies ?? [], filters),
    [allCompanies, filters],
  );
  const visibleExchanges = useMemo(
    () => selectVisibleExchanges(exchangesQuery.data ?? [], companies, resources, filters),
    [exchangesQuery.data, companies, resources, filters],
  );
  const visibleCandidates = useMemo(
    () => selectVisibleCandidates(candidatesQuery.data ?? [], companies, resources, filters),
    [candidatesQuery.data, companies, resources, filters],
  );
  const arcs = useMemo(
    () =>
      buildFlowArcs({
        exchanges: visibleExchanges,
        candidates: visibleCandidates,
        companies,
        resources,
        asOfYear: filters.year,
      }),
    [visibleExchanges, visibleCandidates, companies, resources, filters.year],
  );
  const markers = useMemo(() => buildCompanyMarkers(visibleCompanies), [visibleCompanies]);
  const glyphs = useMemo(
    () => buildStreamGlyphs(visibleCompanies, resources, (id) => isResourceShown(id, resources, filters)),
    [visibleCompanies, resources, filters],
  );

  const finder = view.partnerFinder;
  const finderArea = useMemo(
    () =>
      finder ? circle([finder.lon, finder.lat], finder.radiusKm, { units: 'kilometers', steps: 96 }) : null,
    [finder],
  );

  const hoveredArc = hover?.kind === 'arc' ? arcs.find((arc) => arc.id === hover.id) : undefined;
  const highlightedArcId = hoveredArc?.id ?? view.highlightedArcId;
  const highlightedArc = arcs.find((arc) => arc.id === highlightedArcId);
  const ringedCompanyIds = [
    ...(view.selectedCompanyId ? [view.selectedCompanyId] : []),
    ...(highlightedArc ? [highlightedArc.fromId, highlightedArc.toId] : []),
    ...storyHighlight,
  ];
  const ringKey = ringedCompanyIds.join('|');

  const layerInput = useMemo(
    (): AtlasLayerInput => ({
      arcs,
      markers,
      glyphs,
      finderArea,
      highlightedArcId: highlightedArcId ?? null,
      ringedCompanyIds: ringKey === '' ? [] : ringKey.split('|'),
    }),
    [arcs, markers, glyphs, finderArea, highlightedArcId, ringKey],
  );

  const arcCounts = useMemo(
    () => arcCountsByResource(visibleExchanges, visibleCandidates),
    [visibleExchanges, visibleCandidates],
  );
  const streamCounts = useMemo(() => streamCountsByResource(allCompanies ?? []), [allCompanies]);

  const queries = [resourcesQuery, companiesQuery, exchangesQuery];
  return {
    status: queries.some((q) => q.isError)
      ? 'error'
      : queries.every((q) => q.isSuccess)
        ? 'ready'
        : 'loading',
    error: queries.find((q) => q.isError)?.error ?? null,
    retry: () => {
      for (const query of queries) if (query.isError) void query.refetch();
    },
    candidatesLoading: showCandidates && candidatesQuery.isPending,
    resources,
    companies,
    allCompanies: allCompanies ?? [],
    exchanges: exchangesQuery.data ?? [],
    visibleCompanies,
    visibleExchanges,
    visibleCandidates,
    arcs,
    layerInput,
    arcCounts,
    streamCounts,
  } as const;
}

export type AtlasData = ReturnType<typeof useAtlasData>;
