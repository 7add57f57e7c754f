import { useEffect, useRef, useState } from 'react';
import type { BasemapManifest } from '../../domain/basemap.ts';
import { type AtlasMap, createAtlasMap } from '../../map/atlas-map.ts';

declare global {
  interface Window {
    /** The live map, for browser tests and for debugging from the console. */
    symbiosisAtlas?: AtlasMap;
  }
}

export type MapStatus = 'loading' | 'idle' | 'error';

export function AtlasMapView({ manifest }: { manifest: BasemapManifest }) {
  const containerRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState<MapStatus>('loading');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    setStatus('loading');
    const atlasMap = createAtlasMap({
      container,
      manifest,
      origin: window.location.origin,
      onIdle: () => setStatus('idle'),
      onError: (error) => {
        console.error('Map error:', error.message);
        setStatus('error');
      },
    });
    window.symbiosisAtlas = atlasMap;
    return () => {
      if (window.symbiosisAtlas === atlasMap) window.symbiosisAtlas = undefined;
      atlasMap.remove();
    };
  }, [manifest]);

  return (
    <section
      ref={containerRef}
      className="atlas-map"
      data-map-status={status}
      aria-label="Map of Kalundborg, Holbæk and Odsherred municipalities"
    />
  );
}
