import { z } from 'zod';

// RFC 7946 positions are [longitude, latitude] in WGS84. Altitude is not used by this dataset, so a third
// element is rejected rather than silently carried along.
export const LongitudeSchema = z
  .number()
  .min(-180, { error: 'longitude must be ≥ -180' })
  .max(180, { error: 'longitude must be ≤ 180' });
export const LatitudeSchema = z
  .number()
  .min(-90, { error: 'latitude must be ≥ -90' })
  .max(90, { error: 'latitude must be ≤ 90' });

export const PositionSchema = z.tuple([LongitudeSchema, LatitudeSchema], {
  error: 'a position is [longitude, latitude]',
});
export type Position = z.infer<typeof PositionSchema>;

export const PointSchema = z.object({
  type: z.literal('Point'),
  coordinates: PositionSchema,
});
export type Point = z.infer<typeof PointSchema>;

/**
 * Shoelace area of a ring in squared degrees, positive when the ring runs counter-clockwise (RFC 7946's
 * right-hand rule wants exteriors so, holes clockwise). The ring may be closed or not.
 */
export function signedRingArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

export function isCounterClockwise(ring: readonly (readonly number[])[]): boolean {
  return signedRingArea(ring) > 0;
}

// Ring closure and orientation (right-hand rule) are checked in geo-checks, where the messages can name the
// feature; the schema only guarantees the shape.
export const LinearRingSchema = z.array(PositionSchema);
export const PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRingSchema).min(1, { error: 'a polygon needs an exterior ring' }),
});
export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRingSchema).min(1, { error: 'a polygon needs an exterior ring' })),
});
export type Polygon = z.infer<typeof PolygonSchema>;
export type MultiPolygon = z.infer<typeof MultiPolygonSchema>;

export const AreaGeometrySchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]);
export type AreaGeometry = z.infer<typeof AreaGeometrySchema>;

// RFC 7946 allows a feature-level id; MapLibre uses it for feature state, so it is kept when present.
export const FeatureIdSchema = z.union([z.string(), z.number()]);

export function featureSchema<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({ type: z.literal('Feature'), id: FeatureIdSchema.optional(), geometry, properties });
}

export function featureCollectionSchema<G extends z.ZodType, P extends z.ZodType>(
  geometry: G,
  properties: P,
) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(featureSchema(geometry, properties)),
  });
}
