import {
  createContext,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
  useContext,
  useMemo,
  useState,
} from 'react';
import type { AtlasMap } from '../../map/atlas-map.ts';

interface AtlasMapSlot {
  atlas: AtlasMap | null;
  setAtlas: Dispatch<SetStateAction<AtlasMap | null>>;
}

const AtlasMapContext = createContext<AtlasMapSlot | null>(null);

/**
 * Holds the live map for every component that needs it (to read the camera, capture the canvas, ask what
 * lies under a point), as react-map-gl's MapProvider does: the map view puts it here when it is created.
 */
export function AtlasMapProvider({ children }: { children: ReactNode }) {
  const [atlas, setAtlas] = useState<AtlasMap | null>(null);
  const slot = useMemo(() => ({ atlas, setAtlas }), [atlas]);
  return <AtlasMapContext.Provider value={slot}>{children}</AtlasMapContext.Provider>;
}

function useSlot(): AtlasMapSlot {
  const slot = useContext(AtlasMapContext);
  if (!slot) throw new Error('useAtlasMap needs an AtlasMapProvider above it');
  return slot;
}

/** The live map, or null until it has been created (and after it is gone). */
export function useAtlasMap(): AtlasMap | null {
  return useSlot().atlas;
}

/** For the map view: announces the map it created, and null when it removes it. */
export function useSetAtlasMap(): Dispatch<SetStateAction<AtlasMap | null>> {
  return useSlot().setAtlas;
}
