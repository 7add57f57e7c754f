import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Resource } from '../../domain/resource.ts';

export interface LegendItem {
  label: string;
  colour: string;
  dashed?: boolean;
}

/** The legend of an exported image: one entry per resource that has arcs on the map. */
export function legendItemsFor(
  arcCounts: ReadonlyMap<string, number>,
  resources: ReadonlyMap<string, Resource>,
  language: 'en' | 'da',
): LegendItem[] {
  return [...arcCounts.keys()].map((id) => ({
    label: resources.get(id)?.label[language] ?? id,
    colour: resources.get(id)?.colour ?? '#777777',
  }));
}

/** A copy of the map's pixels, read inside a render (WebGL clears its buffer after each frame). */
export function captureMapCanvas(map: MapLibreMap | null | undefined): Promise<HTMLCanvasElement> {
  if (!map) return Promise.reject(new Error('the map is not ready'));
  return new Promise((resolve) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      copy.getContext('2d')?.drawImage(source, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}
