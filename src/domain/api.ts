/**
 * The API's contract: query parameters, request bodies, error bodies and the answers that are not records
 * of the dataset (records themselves use the dataset schema, schema.ts). The server declares its routes
 * with these (src/server/routes/) and the client parses the answers with them (src/app/api/), so both
 * import plain zod from here. `.meta({ id })` names a schema in the OpenAPI document's components.
 */
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
import {
  AliasSchema,
  CompanyKindSchema,
  CompanyPropertiesSchema,
  CompanyRoleSchema,
  NaceCodeSchema,
  StreamDirectionSchema,
  StreamStatusSchema,
} from './company.ts';
import { ExchangeStatusSchema } from './exchange.ts';
import { LatitudeSchema, LongitudeSchema } from './geojson.ts';

/** Every 4xx and 5xx answer: the message to show, and with a 400 the fields that are wrong. */
export const ErrorBodySchema = z
  .object({
    error: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const optionalText = z.string().trim().min(1).max(200).optional();

type WithoutDefaults<S extends z.ZodRawShape> = {
  [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K];
};

/**
 * A create schema's fields without their defaults, for the matching patch schema: a patch changes only what
 * it names. (With the defaults kept, `{"name": …}` would also reset visibility, role, kind and sources.)
 */
function withoutDefaults<S extends z.ZodRawShape>(shape: S): WithoutDefaults<S> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      field instanceof z.ZodDefault ? field.unwrap() : field,
    ]),
  ) as WithoutDefaults<S>;
}

/**
 * A number in a query string. Present but empty (`lon=`) is an error, not 0 as `Number('')` would have it.
 */
const queryNumber = z.string().trim().min(1, { error: 'a number is required' }).pipe(z.coerce.number());

/** A comma-separated list in a query string (`status=existing,proposed`). */
const csvList = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

export const CompaniesQuerySchema = z.strictObject({
  municipality: MunicipalityCodeSchema.optional(),
  resource: IdSchema.optional(),
  direction: StreamDirectionSchema.optional(),
  q: optionalText,
});
export type CompaniesQuery = z.infer<typeof CompaniesQuerySchema>;

/** The map's company layer is always the whole layer: filtering happens in the browser. */
export const MapCompaniesQuerySchema = z.strictObject({});

export const ExchangesQuerySchema = z.strictObject({
  status: csvList
    .pipe(z.array(ExchangeStatusSchema).min(1))
    .optional()
    .meta({ description: 'Comma-separated statuses, e.g. existing,proposed' }),
  resource: IdSchema.optional(),
  /** Exchanges that flowed in this year. */
  year: z.coerce.number().pipe(YearSchema).optional(),
});
export type ExchangesQuery = z.infer<typeof ExchangesQuerySchema>;

/** One company's best `limit` candidates, or without `company` the region's global best `limit`. */
export const CandidatesQuerySchema = z.strictObject({
  company: IdSchema.optional(),
  resource: IdSchema.optional(),
  maxKm: z.coerce.number().positive().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type CandidatesQuery = z.infer<typeof CandidatesQuerySchema>;

/**
 * The streamed export of candidates: every candidate (one per line), or with `perCompany` every company's
 * best that many (one company per line), which is as many as a JSON answer should never hold.
 */
export const CandidatesExportQuerySchema = z.strictObject({
  resource: IdSchema.optional(),
  maxKm: z.coerce.number().positive().max(1000).optional(),
  perCompany: z.coerce.number().int().min(1).max(100).optional(),
});
export type CandidatesExportQuery = z.infer<typeof CandidatesExportQuerySchema>;

export const PartnersQuerySchema = z.strictObject({
  lon: queryNumber.pipe(LongitudeSchema),
  lat: queryNumber.pipe(LatitudeSchema),
  radiusKm: queryNumber.pipe(z.number().positive().max(500)),
  resource: IdSchema.optional(),
  /** What the searcher looks for: `output` = partners that have the resource, `input` = partners that need it. */
  direction: StreamDirectionSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PartnersQuery = z.infer<typeof PartnersQuerySchema>;

/**
 * The audit log, newest first: at most `limit` entries (1 to 1,000), of one record when `entity` is given.
 * Pages go back in time: `before` is the smallest `id` of the page read so far (the `x-next-before` header).
 */
export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  entity: IdSchema.optional(),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const LocationInputSchema = z.strictObject({ lon: LongitudeSchema, lat: LatitudeSchema });

const registrationSource = ['Registered by the Symbiosis Atlas secretariat'];

/** A company as staff register it; what they leave out gets a cautious default (not public, unverified). */
export const CompanyCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    name: z.string().trim().min(1).max(200),
    location: LocationInputSchema,
    municipality: MunicipalityCodeSchema.nullable(),
    kind: CompanyKindSchema.default('company'),
    role: CompanyRoleSchema.default('registered-potential'),
    description: LocalizedTextSchema,
    aliases: z.array(AliasSchema).max(LIMITS.listItems).default([]),
    partnerSince: YearSchema.nullable().default(null),
    partnerUntil: YearSchema.nullable().default(null),
    locationAccuracy: LocationAccuracySchema.default('exact'),
    locationSource: textSchema().trim().min(3).default('Placed on the map by the secretariat'),
    nace: z.array(NaceCodeSchema).max(LIMITS.listItems).default([]),
    website: CompanyPropertiesSchema.shape.website,
    source: SourcesSchema.default(registrationSource),
    visibility: VisibilitySchema.default('secretariat'),
    notes: textSchema().optional(),
  })
  .meta({ id: 'CompanyCreate' });
export type CompanyCreate = z.input<typeof CompanyCreateSchema>;

export const CompanyPatchSchema = z
  .strictObject(withoutDefaults(CompanyCreateSchema.omit({ id: true }).shape))
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'the patch changes nothing' })
  .meta({ id: 'CompanyPatch' });
export type CompanyPatch = z.input<typeof CompanyPatchSchema>;

export const StreamCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    direction: StreamDirectionSchema,
    resourceId: IdSchema,
    status: StreamStatusSchema.default('active'),
    startYear: YearSchema.nullable().default(null),
    endYear: YearSchema.nullable().default(null),
    /** Left out: unknown, in the resource's canonical unit. */
    quantity: QuantitySchema.optional(),
    availability: LocalizedTextSchema.optional(),
    source: SourcesSchema.default(registrationSource),
    verification: VerificationSchema.default('unverified'),
    visibility: VisibilitySchema.default('secretariat'),
    /** Set it to the record's own visibility (or "public") to show the exact figure to all who see the stream. */
    quantityVisibility: QuantityVisibilitySchema,
  })
  .meta({ id: 'StreamCreate' });
export type StreamCreate = z.input<typeof StreamCreateSchema>;

export const StreamPatchSchema = z
  .strictObject(withoutDefaults(StreamCreateSchema.omit({ id: true }).shape))
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'the patch changes nothing' })
  .meta({ id: 'StreamPatch' });
export type StreamPatch = z.input<typeof StreamPatchSchema>;

/** Staff create candidates (or proposals); existing and historic exchanges come from the sources. */
export const ExchangeCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    from: IdSchema,
    to: IdSchema,
    resourceId: IdSchema,
    status: z.enum(['candidate', 'proposed']).default('candidate'),
    quantity: QuantitySchema.optional(),
    source: SourcesSchema.default(registrationSource),
    verification: VerificationSchema.default('estimate'),
    visibility: VisibilitySchema.default('secretariat'),
    quantityVisibility: QuantityVisibilitySchema,
    notes: textSchema().optional(),
  })
  .meta({ id: 'ExchangeCreate' });
export type ExchangeCreate = z.input<typeof ExchangeCreateSchema>;

export const ExchangePatchSchema = z
  .strictObject({
    status: ExchangeStatusSchema.optional(),
    visibility: VisibilitySchema.optional(),
    quantityVisibility: QuantityVisibilitySchema,
    startYear: YearSchema.nullable().optional(),
    endYear: YearSchema.nullable().optional(),
    quantity: QuantitySchema.optional(),
    notes: textSchema().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'the patch changes nothing' })
  .meta({ id: 'ExchangePatch' });
export type ExchangePatch = z.input<typeof ExchangePatchSchema>;

/** `unavailable` (with 503) when the store cannot be read or written: a full disk, a deleted file, a lock. */
export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    store: z.string().optional().meta({ description: 'Why the store is unavailable' }),
  })
  .meta({ id: 'Health' });

/** Who the server takes the caller to be: the level decides what it sees; a partner acts for one company. */
export const SessionSchema = z
  .object({
    level: VisibilitySchema,
    companyId: IdSchema.nullable(),
    /** Where "contact the secretariat" writes to (ATLAS_CONTACT_EMAIL); null when the operator set none. */
    contactEmail: z.email().nullable(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

/** Staff issue a partner token for one company; the label says for whom (e.g. "Novo Nordisk, energy team"). */
export const PartnerTokenCreateSchema = z
  .strictObject({
    companyId: IdSchema,
    label: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: 'PartnerTokenCreate' });
export type PartnerTokenCreate = z.input<typeof PartnerTokenCreateSchema>;

/** A partner token as listed: never the secret, which the server does not keep (only its SHA-256). */
export const PartnerTokenSchema = z
  .object({
    id: IdSchema,
    companyId: IdSchema,
    label: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'PartnerToken' });
export type PartnerToken = z.infer<typeof PartnerTokenSchema>;

/** The answer to issuing a token: the only time the secret is ever shown. */
export const PartnerTokenIssuedSchema = PartnerTokenSchema.extend({ token: z.string() }).meta({
  id: 'PartnerTokenIssued',
});
export type PartnerTokenIssued = z.infer<typeof PartnerTokenIssuedSchema>;

/**
 * A current stream (active or planned) on the map's company layer: `[resourceId, direction, quantityKnown]`,
 * where `quantityKnown` says the caller may see its exact figure (false for unknown and for a band). A tuple,
 * not an object, because the layer holds every company of a national platform; the stream's details (figure,
 * source, years) come from GET /api/companies/{id}.
 */
export const MapStreamSchema = z.tuple([IdSchema, StreamDirectionSchema, z.boolean()]).meta({
  description:
    '[resourceId, direction, quantityKnown] of a current (active or planned) stream; quantityKnown: the ' +
    'caller may see its exact figure',
});
export type MapStream = z.infer<typeof MapStreamSchema>;

/**
 * A company as the map draws it (GET /api/map/companies): what markers, labels, stream glyphs, clustering,
 * the filters and the search box need, and nothing else. Everything else is in GET /api/companies/{id}.
 */
export const MapCompanySchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    aliases: z
      .array(z.string())
      .optional()
      .meta({ description: 'Earlier and other names, for search; left out when there are none' }),
    kind: CompanyKindSchema,
    role: CompanyRoleSchema,
    partnerSince: YearSchema.optional().meta({
      description:
        'First year as a symbiosis partner; left out when never one (the timeline and diagram read it)',
    }),
    partnerUntil: YearSchema.optional().meta({
      description: 'Last year as a partner; left out when still one',
    }),
    municipality: MunicipalityCodeSchema.nullable(),
    lon: LongitudeSchema,
    lat: LatitudeSchema,
    weight: z
      .number()
      .nonnegative()
      .meta({
        description:
          'How much flows here, across units: each current stream counts 1, plus log10(1 + value) / 2 where ' +
          'the caller may see its quantity; the map sizes markers by it',
      }),
    streams: z.array(MapStreamSchema),
  })
  .meta({ id: 'MapCompany' });
export type MapCompany = z.infer<typeof MapCompanySchema>;
export const MapCompanyListSchema = z.array(MapCompanySchema);
