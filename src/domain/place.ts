import { z } from 'zod';
import { IdSchema, MunicipalityCodeSchema, SourceSchema, YearSchema } from './common.ts';
import { AreaGeometrySchema, featureCollectionSchema, PointSchema } from './geojson.ts';

export const PLACE_KINDS = ['town', 'lake', 'village', 'area'] as const;
export const PlaceKindSchema = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;

/**
 * A labelled place on the basemap (towns, Lake Tissø, Lammefjorden). Places are not exchange ends: the lake as
 * a water source is a node in the companies collection, and this is only its label. Accuracy is a radius in km
 * because place points come from gazetteers with a stated uncertainty; a population without a known year keeps
 * `populationYear: null` rather than a guessed one.
 */
export const PlacePropertiesSchema = z.strictObject({
  id: IdSchema,
  /** Local (Danish) name as shown on the map. */
  name: z.string().trim().min(1),
  /** English name where it differs (e.g. "Lake Tissø"). */
  nameEn: z.string().trim().min(1).optional(),
  kind: PlaceKindSchema,
  municipality: MunicipalityCodeSchema.nullable(),
  accuracyKm: z.number().nonnegative({ error: 'accuracyKm is a radius in km (≥ 0)' }),
  population: z.int().nonnegative().nullable().optional(),
  populationYear: YearSchema.nullable().optional(),
  /** Where the population comes from, when `source` does not already say it. */
  populationSource: SourceSchema.optional(),
  /** Citation or URL for the coordinate (and the population, unless `populationSource` is given). */
  source: SourceSchema,
});
export type PlaceProperties = z.infer<typeof PlacePropertiesSchema>;

export const PlaceGeometrySchema = z.discriminatedUnion('type', [PointSchema, ...AreaGeometrySchema.options]);

export const PlaceCollectionSchema = featureCollectionSchema(PlaceGeometrySchema, PlacePropertiesSchema);
export type PlaceCollection = z.infer<typeof PlaceCollectionSchema>;
export type PlaceFeature = PlaceCollection['features'][number];
