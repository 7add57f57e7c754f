import type { Map as MapLibreMap } from 'maplibre-gl';
import { captureMapCanvas } from '../export/map-capture.ts';

/** Resolves when the map has finished moving and drawing (after a fly-to, a layer change…). */
export function mapSettled(map: MapLibreMap | null | undefined, timeoutMs = 15_000): Promise<void> {
  if (!map) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // Give React a frame to hand the map its new data before waiting for idle.
    requestAnimationFrame(() => {
      map.once('idle', done);
      map.triggerRepaint();
    });
  });
}

/** The map as a PNG data URL, for the printed hand-out. */
export async function mapImage(map: MapLibreMap | null | undefined): Promise<string> {
  return (await captureMapCanvas(map)).toDataURL('image/png');
}
