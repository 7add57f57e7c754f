// Great-circle distances: exactly as turf computes them (every candidate's distance, so the naive baseline,
// which calls turf itself, stays an exact oracle), and a cheap ordering key for the nearest-first search.

export const KILOMETRES = { units: 'kilometers' } as const;

/** @turf/helpers' earth radius (6371008.8 m) in km, computed as turf computes its km factor. */
const TURF_EARTH_RADIUS_KM = 6371008.8 / 1e3;

/**
 * @turf/helpers degreesToRadians. The remainder is skipped below 360° (always, for a difference of two
 * valid longitudes or latitudes), where it is exactly the value itself: on a double, `%` is a call to
 * fmod, which costs as much as the sine after it.
 */
function turfRadians(degrees: number): number {
  const turns = degrees < 360 && degrees > -360 ? degrees : degrees % 360;
  return (turns * Math.PI) / 180;
}

/** A location with its cos(latitude) computed once, as turf computes it. */
export interface CachedPoint {
  lon: number;
  lat: number;
  cosLat: number;
}

export function cachedPoint(lon: number, lat: number): CachedPoint {
  return { lon, lat, cosLat: Math.cos(turfRadians(lat)) };
}

/**
 * turf.distance in km, operation for operation, with each site's cos(latitude) computed once instead of per
 * pair and no coordinate arrays copied: bit-identical to turf (a test checks this). Not symmetric to the
 * last bit (the cosines multiply in order), so candidates always measure from the giver to the receiver.
 */
export function kmBetween(from: CachedPoint, to: CachedPoint): number {
  return kmBetweenCoordinates(from.lon, from.lat, from.cosLat, to.lon, to.lat, to.cosLat);
}

/** kmBetween() from plain numbers, for the search, which keeps its points in typed arrays. */
export function kmBetweenCoordinates(
  fromLon: number,
  fromLat: number,
  fromCosLat: number,
  toLon: number,
  toLat: number,
  toCosLat: number,
): number {
  const dLat = turfRadians(toLat - fromLat);
  const dLon = turfRadians(toLon - fromLon);
  // Math.pow as in turf: `x ** 2` may be compiled to x * x, which can differ in the last bit.
  // biome-ignore lint/style/useExponentiationOperator: must match turf's arithmetic exactly
  const h = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * fromCosLat * toCosLat;
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * TURF_EARTH_RADIUS_KM;
}

/**
 * geokdbush (partner search) measures with an earth radius of 6371 km, turf with 6371.0088 km, so geokdbush's
 * distance is the smaller one and never drops a point turf keeps; the slack only absorbs floating-point
 * rounding. turf then decides exactly.
 */
export function searchRadiusKm(maxKm: number): number {
  return maxKm * (1 + 1e-6) + 1e-9;
}

// ——— The search key: squared chord between unit vectors ——————————————————————————————————————————————————

/**
 * A point on the unit sphere. The squared straight-line (chord) distance between two of them grows with the
 * great-circle distance, costs three multiplications instead of four trigonometric calls, and has a cheap
 * lower bound over a box (see stream-tree.ts), so the search orders by it and measures exactly with turf only
 * the points it actually looks at.
 */
export function unitVector(lon: number, lat: number): [number, number, number] {
  const lambda = (lon * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  const cosPhi = Math.cos(phi);
  return [cosPhi * Math.cos(lambda), cosPhi * Math.sin(lambda), Math.sin(phi)];
}

/**
 * A lower bound of the turf distance (km) between two points whose squared chord is `chordSquared`. The
 * margins (a millionth relative, a millimetre absolute) dwarf the floating-point error of both computations,
 * so the bound holds to the last bit; they cost nothing noticeable in pruning.
 */
export function lowerBoundKm(chordSquared: number): number {
  const halfChord = Math.sqrt(chordSquared) / 2;
  const angle = 2 * Math.asin(Math.min(1, halfChord));
  return Math.max(0, angle * TURF_EARTH_RADIUS_KM * (1 - 1e-6) - 1e-6);
}

/**
 * The squared chord at which lowerBoundKm() reaches `km`, shaved (`below`) or padded a little so that
 * floating-point error cannot carry it across: every key up to chordSquaredAt(km, 'below') has a lower
 * bound ≤ km, every key above chordSquaredAt(km, 'above') one > km.
 */
export function chordSquaredAt(km: number, side: 'below' | 'above'): number {
  if (!(km >= 0)) return -1;
  const angle = (km + 1e-6) / (TURF_EARTH_RADIUS_KM * (1 - 1e-6));
  if (angle >= Math.PI) return 4;
  const chord = 2 * Math.sin(angle / 2);
  return chord * chord * (side === 'below' ? 1 - 1e-9 : 1 + 1e-9);
}
