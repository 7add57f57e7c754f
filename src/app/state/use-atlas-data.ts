import { circle } from '@turf/circle';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { flowRecords } from '../../domain/flow-records.ts';
import { indexMapCompanies } from '../../domain/map-companies.ts';
import { PlaceClusterIndex, type PlacePoint, unclusteredLevel } from '../../map/clustering/place-clusters.ts';
import { buildClusterMarkers, clusterRadiusPx } from '../../map/layers/cluster-markers.ts';
import { buildCompanyMarkers, buildStreamGlyphs, markerRadiusPx } from '../../map/layers/company-markers.ts';
import { buildFlowMap } from '../../map/layers/flow-arcs.ts';
import type { AtlasLayerInput } from '../../map/layers/thematic-features.ts';
import { useCandidates, useExchanges, useMapCompanies, useResources, useTowns } from '../api/queries.ts';
import {
  arcCountsByResource,
  indexResources,
  isResourceShown,
  type LayerFilters,
  selectVisibleCandidates,
  selectVisibleCompanies,
  selectVisibleExchanges,
  streamCountsByResource,
} from './selectors.ts';
import { selectViewState, useUiStore } from './ui-store.ts';

/** Until the map reports its camera: about the zoom that frames the three municipalities. */
const DEFAULT_ZOOM = 9;

/**
 * Server data + UI state → what the map draws and the panels list. One hook, memoised step by step, so a
 * hover does not rebuild the arcs and a filter change does not refetch anything.
 */
export function useAtlasData() {
  const resourcesQuery = useResources();
  const companiesQuery = useMapCompanies();
  const exchangesQuery = useExchanges();
  const showCandidates = useUiStore((state) => state.showCandidates);
  const candidatesQuery = useCandidates(showCandidates);
  const view = useUiStore(useShallow(selectViewState));
  const hover = useUiStore((state) => state.hover);
  const storyHighlight = useUiStore((state) => state.storyHighlight);
  const towns = useTowns().data;
  // Clusters change only when the zoom crosses a whole level, so panning and fractional zooms rebuild nothing.
  const zoomLevel = Math.floor(view.camera?.zoom ?? DEFAULT_ZOOM);

  const resources = useMemo(() => indexResources(resourcesQuery.data ?? []), [resourcesQuery.data]);
  const allCompanies = companiesQuery.data;
  const companies = useMemo(() => indexMapCompanies(allCompanies ?? []), [allCompanies]);

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
  const flows = useMemo(
    () => flowRecords(visibleExchanges, visibleCandidates, filters.year),
    [visibleExchanges, visibleCandidates, filters.year],
  );
  const placePoints = useMemo(
    () =>
      visibleCompanies.map(
        (company): PlacePoint => ({
          id: company.id,
          name: company.name,
          position: [company.lon, company.lat],
          role: company.role,
          weight: markerRadiusPx(company),
        }),
      ),
    [visibleCompanies],
  );
  const clusterIndex = useMemo(
    () => (view.clusters ? new PlaceClusterIndex(placePoints, towns ?? []) : null),
    [view.clusters, placePoints, towns],
  );
  const level = useMemo(
    () => clusterIndex?.level(zoomLevel) ?? unclusteredLevel(placePoints, zoomLevel),
    [clusterIndex, placePoints, zoomLevel],
  );
  const standalone = useMemo(() => {
    const ids = new Set(level.nodes.filter((node) => node.kind === 'company').map((node) => node.id));
    return visibleCompanies.filter((company) => ids.has(company.id));
  }, [level, visibleCompanies]);
  const markers = useMemo(() => buildCompanyMarkers(standalone), [standalone]);
  const clusters = useMemo(() => buildClusterMarkers(level.nodes), [level]);
  const flowMap = useMemo(() => {
    const radius = new Map<string, number>([
      ...markers.map((marker) => [marker.id, marker.radiusPx] as const),
      ...clusters.map((cluster) => [cluster.id, clusterRadiusPx(cluster.memberCount)] as const),
    ]);
    return buildFlowMap({
      records: flows,
      companies,
      resources,
      level,
      zoom: level.zoom,
      nodeRadiusPx: (id) => radius.get(id) ?? 8,
    });
  }, [flows, companies, resources, level, markers, clusters]);
  const arcs = flowMap.arcs;
  const glyphs = useMemo(
    () => buildStreamGlyphs(standalone, resources, (id) => isResourceShown(id, resources, filters)),
    [standalone, resources, filters],
  );

  const finder = view.partnerFinder;
  const finderArea = useMemo(
    () =>
      finder ? circle([finder.lon, finder.lat], finder.radiusKm, { units: 'kilometers', steps: 96 }) : null,
    [finder],
  );

  const hoveredArc = hover?.kind === 'arc' ? arcs.find((arc) => arc.id === hover.id) : undefined;
  const chosenArcId = hoveredArc?.id ?? view.highlightedArcId;
  // A chosen exchange drawn as part of a merged flow (an end is a cluster) highlights that flow.
  const highlightedArc =
    arcs.find((arc) => arc.id === chosenArcId) ??
    (chosenArcId ? arcs.find((arc) => arc.memberIds.includes(chosenArcId)) : undefined);
  const highlightedArcId = highlightedArc?.id ?? chosenArcId;
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
      clusters,
      glyphs,
      finderArea,
      highlightedArcId: highlightedArcId ?? null,
      ringedCompanyIds: ringKey === '' ? [] : ringKey.split('|'),
    }),
    [arcs, markers, clusters, glyphs, finderArea, highlightedArcId, ringKey],
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
    flows,
    level,
    withinNode: flowMap.withinNode,
    leftOutArcCount: flowMap.leftOutArcCount,
    layerInput,
    arcCounts,
    streamCounts,
  } as const;
}

export type AtlasData = ReturnType<typeof useAtlasData>;
