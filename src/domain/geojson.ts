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

// Ring closure and orientation (right-hand rule) are checked in dataset-validation, where the messages can
// name the feature; the schema only guarantees the shape.
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
