import { circle } from '@turf/circle';
import { useMemo } from 'react';
import { PlaceClusterIndex, type PlacePoint, unclusteredLevel } from '../../map/clustering/place-clusters.ts';
import { buildClusterMarkers, clusterRadiusPx } from '../../map/layers/cluster-markers.ts';
import { buildCompanyMarkers, buildStreamGlyphs, markerRadiusPx } from '../../map/layers/company-markers.ts';
import { buildFlowMap } from '../../map/layers/flow-arcs.ts';
import type { AtlasLayerInput } from '../../map/layers/thematic-features.ts';
import { useTowns } from '../api/queries.ts';
import { arcStagesOf, stageByExchange } from './pipeline-stages.ts';
import { isResourceShown } from './selectors.ts';
import { useUiStore } from './ui-store.ts';
import type { AtlasQueries } from './use-atlas-queries.ts';
import type { VisibleRecords } from './use-visible-records.ts';

/** Until the map reports its camera: about the zoom that frames the three municipalities. */
const DEFAULT_ZOOM = 9;

/**
 * The visible records as the map draws them at this zoom: clusters, markers, arcs and glyphs, built by the
 * pure layer builders in src/map/layers/. A hover rebuilds only the highlight, never the arcs.
 */
export function useMapLayers(queries: AtlasQueries, records: VisibleRecords) {
  const { companies, resources, pipeline } = queries;
  const { visibleCompanies, flows, filters } = records;
  const cameraZoom = useUiStore((state) => state.camera?.zoom);
  const clustersOn = useUiStore((state) => state.clusters);
  const finder = useUiStore((state) => state.partnerFinder);
  const hover = useUiStore((state) => state.hover);
  const chosenInList = useUiStore((state) => state.highlightedArcId);
  const selectedCompanyId = useUiStore((state) => state.selectedCompanyId);
  const storyHighlight = useUiStore((state) => state.storyHighlight);
  const presenting = useUiStore((state) => state.mode === 'present');
  const towns = useTowns().data;
  // Clusters change only when the zoom crosses a whole level, so panning and fractional zooms rebuild nothing.
  const zoomLevel = Math.floor(cameraZoom ?? DEFAULT_ZOOM);

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
    () => (clustersOn ? new PlaceClusterIndex(placePoints, towns ?? []) : null),
    [clustersOn, placePoints, towns],
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
  const stages = useMemo(() => stageByExchange(pipeline), [pipeline]);
  // The pipeline is the secretariat's working view: a presentation to visitors shows the map without it.
  const arcStages = useMemo(
    () => arcStagesOf(arcs, presenting ? new Map() : stages),
    [arcs, stages, presenting],
  );
  const glyphs = useMemo(
    () => buildStreamGlyphs(standalone, resources, (id) => isResourceShown(id, resources, filters)),
    [standalone, resources, filters],
  );

  const finderArea = useMemo(
    () =>
      finder ? circle([finder.lon, finder.lat], finder.radiusKm, { units: 'kilometers', steps: 96 }) : null,
    [finder],
  );

  const hoveredArc = hover?.kind === 'arc' ? arcs.find((arc) => arc.id === hover.id) : undefined;
  const chosenArcId = hoveredArc?.id ?? chosenInList;
  // A chosen exchange drawn as part of a merged flow (an end is a cluster) highlights that flow.
  const highlightedArc =
    arcs.find((arc) => arc.id === chosenArcId) ??
    (chosenArcId ? arcs.find((arc) => arc.memberIds.includes(chosenArcId)) : undefined);
  const highlightedArcId = highlightedArc?.id ?? chosenArcId;
  const ringedCompanyIds = [
    ...(selectedCompanyId ? [selectedCompanyId] : []),
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
      arcStages,
    }),
    [arcs, markers, clusters, glyphs, finderArea, highlightedArcId, ringKey, arcStages],
  );

  return {
    level,
    arcs,
    withinNode: flowMap.withinNode,
    leftOutArcCount: flowMap.leftOutArcCount,
    arcStages,
    layerInput,
  };
}
