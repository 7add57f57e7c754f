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

/** The map as a PNG data URL, read inside a render (WebGL clears its buffer after each frame). */
export function mapImage(): Promise<string> {
  const map = window.symbiosisAtlas?.map;
  if (!map) return Promise.reject(new Error('the map is not ready'));
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}
