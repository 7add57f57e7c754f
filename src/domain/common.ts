import { z } from 'zod';

/** Kebab-case ids read well in URLs, CSV and logs and never need escaping. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Upper bounds on what any record may hold, so that no caller can grow the database, the audit log or every
 * other caller's answers by sending long text (the seed dataset's longest note is about 550 characters). An
 * id must stay short enough to sit in a URL path and a request line.
 */
export const LIMITS = {
  idLength: 200,
  /** Names, labels, units, aliases. */
  shortText: 200,
  /** One source: a URL or a citation. */
  sourceLength: 1000,
  sources: 20,
  /** Descriptions, notes, availability, location sources. */
  longText: 2000,
  /** Aliases, NACE codes, impacts of one record. */
  listItems: 20,
  /** No yearly flow of this region comes near 10¹² of any unit; above it a figure is a typo or an attack. */
  quantityValue: 1e12,
} as const;

export const IdSchema = z
  .string()
  .max(LIMITS.idLength, { error: `an id is at most ${LIMITS.idLength} characters` })
  .regex(ID_PATTERN, { error: 'must be a kebab-case id (lower-case letters, digits, single hyphens)' });

/** Free text of a record: trimmed, at most `max` characters. */
export function textSchema(max: number = LIMITS.longText) {
  return z.string().max(max, { error: `at most ${max} characters` });
}
export type Id = z.infer<typeof IdSchema>;

export const LocalizedTextSchema = z.strictObject({
  da: textSchema().trim().min(1, { error: 'Danish text is required' }),
  en: textSchema().trim().min(1, { error: 'English text is required' }),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const YearSchema = z
  .int({ error: 'a year must be a whole number' })
  .min(1900, { error: 'a year before 1900 is out of this dataset’s range' })
  .max(2100, { error: 'a year after 2100 is out of this dataset’s range' });
export type Year = z.infer<typeof YearSchema>;

/**
 * Who may see a record. Ordered from most to least open; the API filters by the caller's level.
 * See `defaultVisibility` for how seeded records get theirs.
 */
export const VISIBILITIES = ['public', 'partners', 'secretariat'] as const;
export const VisibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof VisibilitySchema>;

/**
 * Who sees a stream's or exchange's exact quantity; missing = everyone who sees the record. Callers cleared
 * below it see the record with its quantity as a band (e.g. 100,000–200,000 t/yr), never the figure.
 */
export const QuantityVisibilitySchema = VisibilitySchema.optional();

/**
 * How well a fact is backed:
 * - verified: stated in at least one cited source;
 * - partly-verified: some attributes (year, quantity, recipient, current status) are not confirmed;
 * - unverified: from a secondary summary only, not re-checked;
 * - estimate: the dataset's own judgement or inference (e.g. a plausible side-stream of a registered potential);
 * - reported: given by the company itself (through its partner token) and not yet confirmed by the secretariat.
 */
export const VERIFICATIONS = ['verified', 'partly-verified', 'unverified', 'estimate', 'reported'] as const;
export const VerificationSchema = z.enum(VERIFICATIONS);
export type Verification = z.infer<typeof VerificationSchema>;

/** A source is a URL or a bibliographic citation; a URL has to parse so that links in the UI work. */
export const SourceSchema = textSchema(LIMITS.sourceLength)
  .trim()
  .min(3, { error: 'a source must be a URL or a citation' })
  .refine((s) => !/^https?:\/\//i.test(s) || URL.canParse(s), {
    error: 'a source that starts with http(s):// must be a valid URL',
  });
export const SourcesSchema = z
  .array(SourceSchema)
  .min(1, { error: 'at least one source (URL or citation) is required' })
  .max(LIMITS.sources, { error: `at most ${LIMITS.sources} sources` });
export type Sources = z.infer<typeof SourcesSchema>;

export const UnitSchema = z.string().trim().min(1, { error: 'a unit is required' }).max(40);

/** A figure: finite, ≥ 0 and bounded, so that its band (and any ratio made from it) stays finite. */
const QuantityValueSchema = z
  .number()
  .nonnegative({ error: 'a quantity cannot be negative' })
  .max(LIMITS.quantityValue, { error: `a quantity is at most ${LIMITS.quantityValue}` });

export const KnownQuantitySchema = z.strictObject({
  value: QuantityValueSchema,
  unit: UnitSchema,
  approximate: z.boolean().optional(),
  /** The year the figure refers to; quantities from different years are never added together. */
  referenceYear: YearSchema.optional(),
  /**
   * Sources often date a figure only roughly ("early 1990s", "c. 2018"): `referenceYear` then holds the best
   * single year and this flag says it is approximate, so the UI can write "c. 1993" instead of a false "1993".
   */
  referenceYearApproximate: z.boolean().optional(),
  note: textSchema().optional(),
});

/**
 * "Unknown stays unknown": a missing figure is an explicit `value: null`, never 0 and never an absent field,
 * and it keeps its unit so the UI can still say "unknown t/yr" and matching knows the unit class.
 */
export const UnknownQuantitySchema = z.strictObject({
  value: z.null(),
  unit: UnitSchema,
  note: textSchema().optional(),
});

/** A range a quantity lies in, in the quantity's unit: min ≤ value < max. */
export const QuantityBandSchema = z
  .strictObject({
    min: z.number().nonnegative({ error: 'a band cannot start below 0' }),
    max: z
      .number()
      .positive({ error: 'a band must end above 0' })
      .max(10 * LIMITS.quantityValue, { error: 'a band ends at most ten times the largest quantity' }),
  })
  .refine((band) => band.min < band.max, { error: 'a band needs min < max' });
export type QuantityBand = z.infer<typeof QuantityBandSchema>;

/**
 * A quantity known only as a range. The API sends one in place of an exact figure to callers cleared below
 * the record's `quantityVisibility` (see visible-dataset.ts); a record may also store one when a source gives
 * only a range. `value` stays null, so a band is never added into a total.
 */
export const BandedQuantitySchema = z.strictObject({
  value: z.null(),
  unit: UnitSchema,
  band: QuantityBandSchema,
  referenceYear: YearSchema.optional(),
  /** As on a known quantity: a published range is dated like any other figure (e.g. "15,000–27,000 t, 2000"). */
  referenceYearApproximate: z.boolean().optional(),
  note: textSchema().optional(),
});

export const QuantitySchema = z.union([KnownQuantitySchema, UnknownQuantitySchema, BandedQuantitySchema], {
  // A band is a kind of unknown ({value: null, unit, band}); the message names the two forms people write.
  error: 'a quantity is {value: number ≥ 0, unit} or explicitly unknown {value: null, unit}',
});
export type KnownQuantity = z.infer<typeof KnownQuantitySchema>;
export type UnknownQuantity = z.infer<typeof UnknownQuantitySchema>;
export type BandedQuantity = z.infer<typeof BandedQuantitySchema>;
export type Quantity = z.infer<typeof QuantitySchema>;

export function isKnownQuantity(quantity: Quantity): quantity is KnownQuantity {
  return quantity.value !== null;
}

/** Danish municipality code (DAGI komkode), kept as a string because the leading zero matters. */
export const MunicipalityCodeSchema = z
  .string()
  .regex(/^\d{4}$/, { error: 'a municipality code is a four-digit komkode such as "0326"' });
export type MunicipalityCode = z.infer<typeof MunicipalityCodeSchema>;

/**
 * How far the true site may be from the point. `region` marks a representative point for something spread
 * over an area (farms, a polder of growers); `site-unknown` marks a stand-in point where only the town or
 * cluster is known. Both must never be used for distance-precise claims.
 */
export const LOCATION_ACCURACIES = [
  'exact',
  'approx-500m',
  'approx-1km',
  'approx-2km',
  'approx-3km',
  'approx-5km',
  'approx-10km',
  'region',
  'site-unknown',
] as const;
export const LocationAccuracySchema = z.enum(LOCATION_ACCURACIES);
export type LocationAccuracy = z.infer<typeof LocationAccuracySchema>;

/** Radius in metres for drawing an uncertainty circle; null where no radius is meaningful. */
export const LOCATION_ACCURACY_METRES: Record<LocationAccuracy, number | null> = {
  exact: 0,
  'approx-500m': 500,
  'approx-1km': 1000,
  'approx-2km': 2000,
  'approx-3km': 3000,
  'approx-5km': 5000,
  'approx-10km': 10000,
  region: null,
  'site-unknown': null,
};
