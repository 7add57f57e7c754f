import { z } from 'zod';
import {
  IdSchema,
  LIMITS,
  LocalizedTextSchema,
  LocationAccuracySchema,
  MunicipalityCodeSchema,
  QuantitySchema,
  QuantityVisibilitySchema,
  SourcesSchema,
  textSchema,
  VerificationSchema,
  VisibilitySchema,
  YearSchema,
} from './common.ts';
import { featureCollectionSchema, featureSchema, PointSchema } from './geojson.ts';

/**
 * What a node is. Every end of an exchange is a node with a location, so things that are not firms also live
 * here: Lake Tissø is a `natural-source` (water is taken from it), farms are a `farm-group` with a
 * representative point. Places on the basemap (towns, the lake's label) are a separate collection.
 */
export const COMPANY_KINDS = [
  'company',
  'utility',
  'public-body',
  'association',
  'farm-group',
  'natural-source',
] as const;
export const CompanyKindSchema = z.enum(COMPANY_KINDS);
export type CompanyKind = z.infer<typeof CompanyKindSchema>;

/**
 * Relation to the symbiosis: `partner` is a member today (on the association's published lists),
 * `former-partner` was a member or took part in its exchanges in the past, `registered-potential` is a
 * regional actor the secretariat has registered as a possible partner, `external` is a named counterparty
 * that is not a member (a recipient abroad, a recycler, the lake, the farms that take fertiliser).
 */
export const COMPANY_ROLES = ['partner', 'former-partner', 'registered-potential', 'external'] as const;
export const CompanyRoleSchema = z.enum(COMPANY_ROLES);
export type CompanyRole = z.infer<typeof CompanyRoleSchema>;

export const NaceCodeSchema = z
  .string()
  .regex(/^\d{2}(\.\d{1,2})?$/, { error: 'a NACE Rev. 2 code looks like "35.11" or "38"' });

export const STREAM_DIRECTIONS = ['output', 'input'] as const;
export const StreamDirectionSchema = z.enum(STREAM_DIRECTIONS);
export type StreamDirection = z.infer<typeof StreamDirectionSchema>;

/** Streams outlive single exchanges: a stream is `historic` once the company no longer has or needs it. */
export const STREAM_STATUSES = ['active', 'historic', 'planned'] as const;
export const StreamStatusSchema = z.enum(STREAM_STATUSES);
export type StreamStatus = z.infer<typeof StreamStatusSchema>;

/** A current stream is one the company has or needs now or soon; only these are drawn, listed and matched. */
export const CURRENT_STREAM_STATUSES: readonly StreamStatus[] = ['active', 'planned'];

export function isCurrentStream(stream: { readonly status: StreamStatus }): boolean {
  return CURRENT_STREAM_STATUSES.includes(stream.status);
}

/** The current streams of a list, in their order. */
export function currentStreams<S extends { readonly status: StreamStatus }>(streams: readonly S[]): S[] {
  return streams.filter(isCurrentStream);
}

/** A side-stream a company has (output) or needs (input); nested under its company in the GeoJSON. */
export const StreamSchema = z.strictObject({
  id: IdSchema,
  direction: StreamDirectionSchema,
  resourceId: IdSchema,
  status: StreamStatusSchema,
  startYear: YearSchema.nullable(),
  endYear: YearSchema.nullable(),
  quantity: QuantitySchema,
  availability: LocalizedTextSchema.optional(),
  source: SourcesSchema,
  verification: VerificationSchema,
  visibility: VisibilitySchema,
  quantityVisibility: QuantityVisibilitySchema,
});
export type Stream = z.infer<typeof StreamSchema>;

/** The flat form used by storage and the API, where a stream stands on its own. */
export const StreamRecordSchema = StreamSchema.extend({ companyId: IdSchema }).meta({ id: 'Stream' });
export type StreamRecord = z.infer<typeof StreamRecordSchema>;

export const AliasSchema = z.strictObject({
  name: textSchema(LIMITS.shortText).trim().min(1),
  fromYear: YearSchema.optional(),
  toYear: YearSchema.optional(),
});
export type Alias = z.infer<typeof AliasSchema>;

/**
 * A year in a company's life (founded, plant opened, plant closed) with the page that says so. Kept apart from
 * the membership years: a plant can take part in exchanges before it joins the association, and a company
 * can stay a member after its production has stopped.
 */
export const SourcedYearSchema = z.strictObject({
  year: YearSchema,
  /** The source dates it only roughly ("early 1970s"); `year` is then the best single year. */
  approximate: z.boolean().optional(),
  source: SourcesSchema,
  note: textSchema().optional(),
});
export type SourcedYear = z.infer<typeof SourcedYearSchema>;

export const CompanyPropertiesSchema = z.strictObject({
  id: IdSchema,
  name: textSchema(LIMITS.shortText).trim().min(1),
  /** Earlier and other names, with the years they applied where known (search matches these too). */
  aliases: z.array(AliasSchema).max(LIMITS.listItems),
  kind: CompanyKindSchema,
  role: CompanyRoleSchema,
  /**
   * Years of published membership of Kalundborg Symbiosis: the association's member lists and announcements
   * (and, before the association's lists, the named core partners). null when no source names the company as
   * a member, even if it took part in exchanges; the partner count per year is counted from these two years.
   */
  partnerSince: YearSchema.nullable(),
  partnerUntil: YearSchema.nullable(),
  /**
   * The pages the membership years come from (announcement, member list, or the list that last named it).
   * Optional in the schema because registered potentials and outside counterparties have no membership; the
   * dataset rules require it wherever `partnerSince` is set.
   */
  membershipSource: SourcesSchema.optional(),
  /** When the site or organisation began operating, where a source says: no exchange of it may start earlier. */
  established: SourcedYearSchema.optional(),
  /** When it stopped operating at this site, where a source says: no exchange of it may flow later. */
  closed: SourcedYearSchema.optional(),
  /** DAGI komkode; null when the node lies outside Denmark or has no single site. */
  municipality: MunicipalityCodeSchema.nullable(),
  locationAccuracy: LocationAccuracySchema,
  /** Where the point comes from, and any adjustment made to it. */
  locationSource: textSchema().trim().min(3),
  nace: z.array(NaceCodeSchema).max(LIMITS.listItems),
  naceNote: textSchema().optional(),
  description: LocalizedTextSchema,
  // Only web links: a javascript:, data: or file: URL in a link the UI renders is a trap for whoever clicks it.
  website: z
    .url({ protocol: /^https?$/, error: 'website must be an absolute http(s) URL' })
    .max(LIMITS.sourceLength)
    .optional(),
  source: SourcesSchema,
  visibility: VisibilitySchema,
  streams: z.array(StreamSchema),
  notes: textSchema().optional(),
});
export type CompanyProperties = z.infer<typeof CompanyPropertiesSchema>;

export const CompanyFeatureSchema = featureSchema(PointSchema, CompanyPropertiesSchema).meta({
  id: 'Company',
});
export type CompanyFeature = z.infer<typeof CompanyFeatureSchema>;

export const CompanyCollectionSchema = featureCollectionSchema(PointSchema, CompanyPropertiesSchema).meta({
  id: 'CompanyCollection',
});
export type CompanyCollection = z.infer<typeof CompanyCollectionSchema>;

export function streamRecords(companies: CompanyCollection): StreamRecord[] {
  return companies.features.flatMap((feature) =>
    feature.properties.streams.map((stream) => ({ ...stream, companyId: feature.properties.id })),
  );
}

/** Companies by id. */
export function indexCompanies(companies: readonly CompanyFeature[]): ReadonlyMap<string, CompanyFeature> {
  return new Map(companies.map((company) => [company.properties.id, company]));
}
