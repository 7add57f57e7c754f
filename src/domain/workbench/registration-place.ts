import { booleanPointInPolygon } from '@turf/turf';
import type { MunicipalityBoundaries } from '../boundaries.ts';

/**
 * The municipality a registered site lies in, from the committed outlines (DAGI, clipped to the land): its
 * komkode, or null outside every outline they hold (the sea, or a part of Denmark the clip leaves out). Kept
 * apart from registration.ts so that the form, which imports that, does not carry the geometry code.
 */
export function municipalityAt(boundaries: MunicipalityBoundaries, lon: number, lat: number): string | null {
  const found = boundaries.features.find((feature) => booleanPointInPolygon([lon, lat], feature.geometry));
  return found?.properties.komkode ?? null;
}
