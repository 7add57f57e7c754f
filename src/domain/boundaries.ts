import { z } from 'zod';
import { AreaGeometrySchema } from './geojson.ts';

/**
 * Municipality boundaries from DAGI: the raw DAGI file (`komnavn`) or the outlines the geodata step commits
 * as geodata/municipalities.geojson (`name`). Islands are separate features, so a municipality is the union of
 * all features with its komkode. The rings are not held to the right-hand rule: point-in-polygon does not
 * depend on orientation.
 */
export const MunicipalityBoundariesSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: AreaGeometrySchema,
      properties: z.looseObject({
        komkode: z.string(),
        komnavn: z.string().optional(),
        name: z.string().optional(),
      }),
    }),
  ),
});
export type MunicipalityBoundaries = z.infer<typeof MunicipalityBoundariesSchema>;
