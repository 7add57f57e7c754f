import { z } from 'zod';
import { IdSchema, LocalizedTextSchema } from './common.ts';

export const RESOURCE_CATEGORIES = ['energy', 'water', 'gas', 'material', 'biomass'] as const;
export const ResourceCategorySchema = z.enum(RESOURCE_CATEGORIES);
export type ResourceCategory = z.infer<typeof ResourceCategorySchema>;

/**
 * Colour-blind-safe palette: one hue family per category, taken from the Okabe–Ito palette whose anchor
 * colours stay distinguishable under protanopia, deuteranopia and tritanopia; resources inside a category are
 * lighter and darker shades of that anchor, so the category is always readable and the exact resource comes
 * from the legend label.
 * - energy:   vermillion/orange  (anchor #D55E00 vermillion, #E69F00 orange)
 * - water:    blue/sky blue      (anchor #0072B2 blue, #56B4E9 sky blue)
 * - gas:      reddish purple     (anchor #CC79A7)
 * - biomass:  bluish green       (anchor #009E73)
 * - material: neutral greys      (no hue, so they never read as one of the four hue families)
 * Status (historic, candidate …) is drawn with dash and opacity, never with colour, so it cannot clash.
 * Each category also has a fixed `CATEGORY_COLOURS` anchor for legends that group by category.
 */
export const CATEGORY_COLOURS: Record<ResourceCategory, string> = {
  energy: '#D55E00',
  water: '#0072B2',
  gas: '#CC79A7',
  material: '#595959',
  biomass: '#009E73',
};

/**
 * Canonical units: annual flows, so that quantities of one resource compare directly. Energy flows use MWh/yr
 * (GJ/yr is accepted for sources that report it), water and gases by volume m3/yr, everything else t/yr.
 */
export const CANONICAL_UNITS = ['t/yr', 'm3/yr', 'MWh/yr', 'GJ/yr'] as const;
export const CanonicalUnitSchema = z.enum(CANONICAL_UNITS);
export type CanonicalUnit = z.infer<typeof CanonicalUnitSchema>;

export const HexColourSchema = z
  .string()
  .regex(/^#[0-9A-F]{6}$/, { error: 'a colour is an upper-case hex triplet such as "#D55E00"' });

/**
 * European List of Waste (EWC) entry. The code is written as in the list ("10 01 05", hazardous entries end in
 * "*"); `candidate` marks a code that is the best fit but not settled (e.g. by-products that may fall outside
 * waste law).
 */
export const EwcEntrySchema = z.strictObject({
  code: z
    .string()
    .regex(/^\d{2} \d{2} \d{2}\*?$/, { error: 'an EWC code looks like "10 01 05" (hazardous: "13 02 08*")' }),
  title: z.string().trim().min(3),
  candidate: z.boolean().optional(),
  note: z.string().optional(),
});
export type EwcEntry = z.infer<typeof EwcEntrySchema>;

export function isHazardousEwc(entry: EwcEntry): boolean {
  return entry.code.endsWith('*');
}

export const ResourceSchema = z
  .strictObject({
    id: IdSchema,
    label: LocalizedTextSchema,
    category: ResourceCategorySchema,
    colour: HexColourSchema,
    canonicalUnit: CanonicalUnitSchema,
    /** The farthest a match is worth suggesting: candidates beyond it are not computed. */
    maxTransportKm: z.number().positive({ error: 'maxTransportKm must be > 0' }),
    /** Why that distance: JSON has no comments, so the reasoning travels with the number. */
    transportReason: z.string().trim().min(10, { error: 'say why this transport distance makes sense' }),
    ewc: EwcEntrySchema.optional(),
  })
  .meta({ id: 'Resource' });
export type Resource = z.infer<typeof ResourceSchema>;

export const ResourceListSchema = z.array(ResourceSchema);

/** Resources by id, the way every layer and panel looks them up. */
export type ResourceIndex = ReadonlyMap<string, Resource>;

export function indexResources(resources: readonly Resource[]): ResourceIndex {
  return new Map(resources.map((resource) => [resource.id, resource]));
}
