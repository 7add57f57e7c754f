import { ScatterplotLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FlowParticle } from './layers/flow-particles.ts';

/**
 * The moving dots along the flows, drawn by deck.gl inside MapLibre's own WebGL context, just beneath
 * `beforeId` (the labels). Everything else on the map is a MapLibre layer; this module (and deck.gl with
 * it) is loaded only when the animation first runs, since deck.gl's shaders take seconds to compile on a
 * software GPU and a still map does not need them.
 */
export interface ParticleOverlay {
  setParticles(particles: readonly FlowParticle[] | null): void;
  remove(): void;
}

/** Read by deck.gl's MapLibre integration in interleaved mode; not part of the layer's own prop types. */
type Interleaved = { beforeId?: string };

export function createParticleOverlay(map: MapLibreMap, beforeId: string | undefined): ParticleOverlay {
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
  map.addControl(overlay);
  // deck.gl slots an interleaved layer beneath its `beforeId` only while no source is loading; one handed
  // over before that is drawn over the whole map, labels included, until it is handed over again.
  const slotted = () =>
    !beforeId || map.getLayer(`deck-maplibre-layer-group-before:${beforeId}`) !== undefined;
  let last: readonly FlowParticle[] | null = null;
  const draw = () =>
    overlay.setProps({
      layers: [
        new ScatterplotLayer<FlowParticle, Interleaved>({
          id: 'flow-particles',
          beforeId,
          data: last ?? [],
          visible: Boolean(last?.length),
          getPosition: (particle) => particle.position,
          getRadius: (particle) => particle.radiusPx,
          radiusUnits: 'pixels',
          getFillColor: (particle) => particle.colour,
          getLineColor: [255, 255, 255, 230],
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          stroked: true,
        }),
      ],
    });
  const reslot = () => {
    if (!slotted()) draw();
  };
  map.on('idle', reslot);
  return {
    setParticles(particles) {
      last = particles;
      draw();
    },
    remove() {
      map.off('idle', reslot);
      map.removeControl(overlay);
    },
  };
}
