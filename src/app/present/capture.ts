import { captureMapCanvas } from '../export/map-capture.ts';

/** Resolves when the map has finished moving and drawing (after a fly-to, a layer change…). */
export function mapSettled(timeoutMs = 15_000): Promise<void> {
  const map = window.symbiosisAtlas?.map;
  if (!map) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // Give React a frame to hand the new layers to deck.gl before waiting for idle.
    requestAnimationFrame(() => {
      map.once('idle', done);
      map.triggerRepaint();
    });
  });
}

/** The map as a PNG data URL, for the printed hand-out. */
export async function mapImage(): Promise<string> {
  return (await captureMapCanvas()).toDataURL('image/png');
}
