import type { GeoJSON } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl';
import { drawIconsOnDemand } from './icon-images.ts';
import {
  type AtlasLayerInput,
  arrowFeatures,
  clusterFeatures,
  finderFeatures,
  flowCasingFeatures,
  flowPieceFeatures,
  glyphFeatures,
  markerFeatures,
  ringFeatures,
  stageMarkFeatures,
} from './layers/thematic-features.ts';
import { pickableLayers, thematicLayers, thematicSourceIds } from './layers/thematic-style.ts';

type SourceKey = keyof typeof thematicSourceIds;

/** What each source is made from: a source is handed new data only when one of its inputs changed. */
const sourceInputs: Record<SourceKey, (input: AtlasLayerInput) => readonly unknown[]> = {
  finder: (input) => [input.finderArea],
  casings: (input) => [input.arcs, input.highlightedArcId],
  flows: (input) => [input.arcs],
  arrows: (input) => [input.arcs, input.highlightedArcId],
  stageMarks: (input) => [input.arcs, input.arcStages],
  markers: (input) => [input.markers],
  clusters: (input) => [input.clusters],
  glyphs: (input) => [input.glyphs],
  rings: (input) => [input.markers, input.clusters, input.ringedCompanyIds],
};

const sourceData: Record<SourceKey, (input: AtlasLayerInput) => GeoJSON> = {
  finder: (input) => finderFeatures(input.finderArea),
  casings: (input) => flowCasingFeatures(input.arcs, input.highlightedArcId),
  flows: (input) => flowPieceFeatures(input.arcs),
  arrows: (input) => arrowFeatures(input.arcs, input.highlightedArcId),
  stageMarks: (input) => stageMarkFeatures(input.arcs, input.arcStages),
  markers: (input) => markerFeatures(input.markers),
  clusters: (input) => clusterFeatures(input.clusters),
  glyphs: (input) => glyphFeatures(input.glyphs),
  rings: (input) => ringFeatures(input.markers, input.clusters, input.ringedCompanyIds),
};

/** Sources whose features can be hovered, keyed by their `id` property (for MapLibre's feature state). */
const hoverKeys: Partial<Record<SourceKey, string>> = { markers: 'id', clusters: 'id', flows: 'arcId' };

export interface PickedFeature {
  kind: 'company' | 'cluster' | 'arc';
  id: string;
}

export interface ThematicLayers {
  /** Hands each source its data, where what it is made from changed since the last call. */
  setData(input: AtlasLayerInput): void;
  /** The topmost company, cluster or flow within a few pixels of a point on the map. */
  pick(point: { x: number; y: number }): PickedFeature | null;
  /** Draws the hovered feature hovered (and only it). */
  setHovered(picked: PickedFeature | null): void;
}

const sourceKeys = Object.keys(thematicSourceIds) as SourceKey[];
const empty: GeoJSON = { type: 'FeatureCollection', features: [] };

/**
 * Adds the thematic sources and layers beneath `beforeId` (the first label layer, so place names stay on
 * top). Call once the style has loaded.
 */
export function addThematicLayers(map: MapLibreMap, beforeId: string | undefined): ThematicLayers {
  drawIconsOnDemand(map);
  for (const key of sourceKeys) {
    const promoteId = hoverKeys[key];
    map.addSource(thematicSourceIds[key], {
      type: 'geojson',
      data: empty,
      ...(promoteId ? { promoteId } : {}),
    });
  }
  for (const layer of thematicLayers()) map.addLayer(layer, beforeId);

  const lastInputs = new Map<SourceKey, readonly unknown[]>();
  let hovered: { source: string; id: string } | null = null;
  const pickable = Object.keys(pickableLayers).filter((id) => map.getLayer(id));

  return {
    setData(input) {
      for (const key of sourceKeys) {
        const inputs = sourceInputs[key](input);
        const last = lastInputs.get(key);
        if (last && inputs.every((value, i) => value === last[i])) continue;
        lastInputs.set(key, inputs);
        map.getSource<GeoJSONSource>(thematicSourceIds[key])?.setData(sourceData[key](input));
      }
    },
    pick({ x, y }) {
      const box: [PointLike, PointLike] = [
        [x - 3, y - 3],
        [x + 3, y + 3],
      ];
      for (const feature of map.queryRenderedFeatures(box, { layers: pickable })) {
        const kind = pickableLayers[feature.layer.id];
        const id = feature.properties.arcId ?? feature.properties.id;
        if (kind && typeof id === 'string') return { kind, id };
      }
      return null;
    },
    setHovered(picked) {
      const source = picked
        ? thematicSourceIds[
            picked.kind === 'arc' ? 'flows' : picked.kind === 'cluster' ? 'clusters' : 'markers'
          ]
        : null;
      if (hovered && (hovered.source !== source || hovered.id !== picked?.id)) {
        map.setFeatureState(hovered, { hover: false });
        hovered = null;
      }
      if (picked && source && !hovered) {
        hovered = { source, id: picked.id };
        map.setFeatureState(hovered, { hover: true });
      }
    },
  };
}
