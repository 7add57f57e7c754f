import { z } from 'zod';
import {
  AuditQuerySchema,
  CandidatesExportQuerySchema,
  CandidatesQuerySchema,
  CompaniesQuerySchema,
  CompanyCreateSchema,
  CompanyPatchSchema,
  ErrorBodySchema,
  ExchangeCreateSchema,
  ExchangePatchSchema,
  ExchangesQuerySchema,
  HealthSchema,
  MapCompaniesQuerySchema,
  MapCompanySchema,
  PartnersQuerySchema,
  PartnerTokenCreateSchema,
  PartnerTokenIssuedSchema,
  PartnerTokenSchema,
  SessionSchema,
  StreamCreateSchema,
  StreamPatchSchema,
} from '../domain/api.ts';
import { basemapManifestSchema } from '../domain/basemap.ts';
import { toMapCompany } from '../domain/map-companies.ts';
import {
  CompanyCollectionSchema,
  type CompanyFeature,
  CompanyFeatureSchema,
  type Exchange,
  ExchangeSchema,
  type ImpactFigure,
  ImpactFigureSchema,
  ResourceSchema,
  type StreamRecord,
  StreamRecordSchema,
} from '../domain/schema.ts';
import { AtlasStatsSchema } from '../domain/stats.ts';
import type { DatasetView } from '../domain/visible-dataset.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, which OpenAPI 3.1 uses) of what a client sends or receives. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(field as z.ZodType, 'input'),
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: JsonSchema, type = 'application/json', example?: unknown) => ({
  200: {
    description,
    content: { [type]: example === undefined ? { schema } : { schema, example } },
  },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Error', content: json(ref('Error')) }]));
const idParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const staff = [{ staffToken: [] }];
/** Optimistic concurrency on PATCH and DELETE (see record-versions.ts). */
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag of the record as read ("v<version>"); a record changed since answers 412 with its current ' +
    'ETag. Required (428 without it) when the edit comes from a browser.',
  schema: { type: 'string', maxLength: 200 },
};
const etagHeader = {
  ETag: { description: 'The record’s version, for If-Match', schema: { type: 'string' } },
};
/** What any write may also answer: stale If-Match, missing If-Match, too many writes, storage unavailable. */
const writeErrors = [412, 428, 429, 503] as const;
/** Stream writes: staff, or a partner for its own company's streams. */
const editor = [{ staffToken: [] }, { partnerToken: [] }];

/**
 * Real records for the document's examples, chosen from the caller's view so that the description never
 * shows anyone more than the API would: the company with the most streams, one of its streams (a known
 * quantity if it has one) and exchanges, and the latest headline figure.
 */
export interface ApiExamples {
  company?: CompanyFeature;
  stream?: StreamRecord;
  exchange?: Exchange;
  impactFigure?: ImpactFigure;
}

export function openApiExamples(view: DatasetView): ApiExamples {
  const examples: ApiExamples = {};
  const company = [...view.companies].sort(
    (a, b) =>
      b.properties.streams.length - a.properties.streams.length ||
      (a.properties.id < b.properties.id ? -1 : 1),
  )[0];
  if (company) {
    examples.company = company;
    const streams = company.properties.streams;
    const stream = streams.find((s) => s.quantity.value !== null) ?? streams[0];
    if (stream) examples.stream = { ...stream, companyId: company.properties.id };
    const own = view.exchanges.filter(
      (e) => e.from === company.properties.id || e.to === company.properties.id,
    );
    examples.exchange = own.find((e) => e.quantity.value !== null) ?? own[0];
  }
  examples.exchange ??= view.exchanges[0];
  examples.impactFigure = view.impactFigures
    .filter((figure) => figure.headline)
    .reduce<ImpactFigure | undefined>(
      (latest, f) => (latest && latest.year >= f.year ? latest : f),
      undefined,
    );
  return examples;
}

const computed = {
  type: 'object',
  description: 'Computed by the matching engine (src/domain/matching/types.ts); fields as named there.',
  additionalProperties: true,
};

/** The OpenAPI 3.1 description, generated from the very schemas that validate requests. */
export function openApiDocument(examples: ApiExamples = {}): JsonSchema {
  const list = <T>(item: T | undefined) => (item === undefined ? undefined : [item]);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Symbiosis Atlas API',
      version: '1',
      description:
        'Companies, side-streams, exchanges and computed candidate exchanges of the Kalundborg symbiosis and its ' +
        'region. Reads answer what the caller may see: anonymous callers the public records, a partner token ' +
        'also what is shared with partners (and its own company in full), the staff token everything. A ' +
        'quantity the caller may not see exactly comes as a band {value: null, unit, band: {min, max}}. ' +
        'Writes need the staff token; a partner token may change its own company’s streams. The examples ' +
        'below are taken from what the caller of this document may see.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer', description: 'ATLAS_STAFF_TOKEN: secretariat staff' },
        partnerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A partner token issued by staff (POST /api/partner-tokens) for one company',
        },
      },
      schemas: {
        Error: schemaOf(ErrorBodySchema, 'output'),
        Resource: schemaOf(ResourceSchema, 'output'),
        Company: schemaOf(CompanyFeatureSchema, 'output'),
        CompanyCollection: schemaOf(CompanyCollectionSchema, 'output'),
        MapCompany: schemaOf(MapCompanySchema, 'output'),
        Stream: schemaOf(StreamRecordSchema, 'output'),
        Exchange: schemaOf(ExchangeSchema, 'output'),
        ImpactFigure: schemaOf(ImpactFigureSchema, 'output'),
        Stats: schemaOf(AtlasStatsSchema, 'output'),
        CompanyCreate: schemaOf(CompanyCreateSchema, 'input'),
        CompanyPatch: schemaOf(CompanyPatchSchema, 'input'),
        StreamCreate: schemaOf(StreamCreateSchema, 'input'),
        StreamPatch: schemaOf(StreamPatchSchema, 'input'),
        ExchangeCreate: schemaOf(ExchangeCreateSchema, 'input'),
        ExchangePatch: schemaOf(ExchangePatchSchema, 'input'),
        Session: schemaOf(SessionSchema, 'output'),
        PartnerToken: schemaOf(PartnerTokenSchema, 'output'),
        PartnerTokenIssued: schemaOf(PartnerTokenIssuedSchema, 'output'),
        PartnerTokenCreate: schemaOf(PartnerTokenCreateSchema, 'input'),
      },
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Health check: 503 while the store cannot be read or written, with the reason',
          responses: {
            ...ok('Up', schemaOf(HealthSchema, 'output')),
            503: { description: 'Store unavailable', content: json(schemaOf(HealthSchema, 'output')) },
          },
        },
      },
      '/api/basemap': {
        get: {
          summary: 'Basemap layers on this server',
          responses: ok('Manifest', schemaOf(basemapManifestSchema, 'output')),
        },
      },
      '/api/session': {
        get: {
          summary: 'Who the server takes the caller to be (public, partner of a company, or staff)',
          responses: { ...ok('Session', ref('Session')), ...errors(401) },
        },
      },
      '/api/resources': {
        get: {
          summary: 'Resource taxonomy',
          responses: ok('Resources', { type: 'array', items: ref('Resource') }),
        },
      },
      '/api/companies': {
        get: {
          summary: 'Companies with their streams (GeoJSON)',
          parameters: queryParameters(CompaniesQuerySchema),
          responses: {
            ...ok(
              'Companies',
              ref('CompanyCollection'),
              'application/geo+json',
              examples.company && { type: 'FeatureCollection', features: [examples.company] },
            ),
            ...errors(400),
          },
        },
        post: {
          summary: 'Register a company',
          security: staff,
          requestBody: { required: true, content: json(ref('CompanyCreate')) },
          responses: {
            201: { description: 'Created', content: json(ref('Company')) },
            ...errors(400, 401, 403, 409, 413, 415),
          },
        },
      },
      '/api/map/companies': {
        get: {
          summary:
            'The map’s company layer: every company the caller may see, lean (details: /api/companies/{id})',
          description:
            'What markers, labels, stream glyphs, clustering, filters and search need, one object a company. ' +
            'Served from memory, compressed (br, gzip) once per data version; send If-None-Match for a 304.',
          parameters: queryParameters(MapCompaniesQuerySchema),
          responses: {
            ...ok(
              'Companies',
              { type: 'array', items: ref('MapCompany') },
              'application/json',
              examples.company && [toMapCompany(examples.company)],
            ),
            304: { description: 'Not modified: the ETag sent in If-None-Match is current' },
            ...errors(400),
          },
        },
      },
      '/api/companies/{id}': {
        parameters: [idParameter('id')],
        get: {
          summary: 'One company with its exchanges and top candidates (staff also get its ETag)',
          responses: { ...ok('Company', computed), ...errors(404) },
        },
        patch: {
          summary: 'Change a company',
          security: staff,
          parameters: [ifMatch],
          requestBody: { required: true, content: json(ref('CompanyPatch')) },
          responses: {
            ...ok('Changed', ref('Company')),
            ...errors(400, 401, 403, 404, 413, 415, ...writeErrors),
          },
        },
        delete: {
          summary: 'Delete a company that takes part in no exchange',
          security: staff,
          parameters: [ifMatch],
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409, ...writeErrors) },
        },
      },
      '/api/companies/{id}/streams': {
        parameters: [idParameter('id')],
        post: {
          summary: 'Add a stream (output it has, input it needs); a partner only to its own company',
          security: editor,
          description:
            'A partner leaves out `id` (the server names its streams), and its figures are marked `reported` until ' +
            'staff confirm them.',
          requestBody: { required: true, content: json(ref('StreamCreate')) },
          responses: {
            201: { description: 'Created', headers: etagHeader, content: json(ref('Stream')) },
            ...errors(400, 401, 403, 404, 429, 503),
          },
        },
      },
      '/api/streams/{id}': {
        parameters: [idParameter('id')],
        get: {
          summary: 'One stream as the caller may see it (with its ETag for staff and its own partner)',
          responses: { ...ok('Stream', ref('Stream'), 'application/json', examples.stream), ...errors(404) },
        },
        patch: {
          summary:
            'Change a stream; a partner only its own company’s, and it may not make one (or its exact quantity) public',
          description:
            'A partner never changes the resource; a new figure or source from a partner is marked `reported` until ' +
            'staff confirm it. A quantity’s unit must convert to the resource’s.',
          security: editor,
          parameters: [ifMatch],
          requestBody: { required: true, content: json(ref('StreamPatch')) },
          responses: {
            ...ok('Changed', ref('Stream'), 'application/json', examples.stream),
            ...errors(400, 401, 403, 404, ...writeErrors),
          },
        },
        delete: {
          summary: 'Delete a stream; a partner only its own company’s',
          security: editor,
          parameters: [ifMatch],
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, ...writeErrors) },
        },
      },
      '/api/exchanges': {
        get: {
          summary: 'Exchanges',
          parameters: queryParameters(ExchangesQuerySchema),
          responses: {
            ...ok(
              'Exchanges',
              { type: 'array', items: ref('Exchange') },
              'application/json',
              list(examples.exchange),
            ),
            ...errors(400),
          },
        },
        post: {
          summary: 'Record a candidate or proposed exchange',
          security: staff,
          requestBody: { required: true, content: json(ref('ExchangeCreate')) },
          responses: {
            201: { description: 'Created', content: json(ref('Exchange')) },
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/api/exchanges/{id}': {
        parameters: [idParameter('id')],
        get: {
          summary: 'One exchange as the caller may see it (with its ETag for staff)',
          responses: {
            ...ok('Exchange', ref('Exchange'), 'application/json', examples.exchange),
            ...errors(404),
          },
        },
        patch: {
          summary: 'Move an exchange on (candidate → proposed → existing → historic, or rejected)',
          security: staff,
          parameters: [ifMatch],
          requestBody: { required: true, content: json(ref('ExchangePatch')) },
          responses: {
            ...ok('Changed', ref('Exchange')),
            ...errors(400, 401, 403, 404, 409, ...writeErrors),
          },
        },
      },
      '/api/candidates': {
        get: {
          summary: 'Computed candidate exchanges, best first',
          description:
            'With `company`, the best `limit` candidates in which that company gives or receives (what its details ' +
            'list); without, the best `limit` of the whole region. Every candidate of the region is far more than one ' +
            'answer should hold: /api/export/candidates.ndjson streams them.',
          parameters: queryParameters(CandidatesQuerySchema),
          responses: { ...ok('Candidates', { type: 'array', items: computed }), ...errors(400, 404) },
        },
      },
      '/api/partners': {
        get: {
          summary: 'Partners near a point, ranked by distance and fit',
          parameters: queryParameters(PartnersQuerySchema),
          responses: { ...ok('Partners', { type: 'array', items: computed }), ...errors(400) },
        },
      },
      '/api/stats': {
        get: {
          summary:
            'Counts per year (partners, exchanges flowing, exchanges with a figure per unit, never a sum of ' +
            'figures) and the published headline figures as published',
          responses: ok('Stats', ref('Stats')),
        },
      },
      '/api/impact-figures': {
        get: {
          summary: 'Published impact figures',
          responses: ok(
            'Figures',
            { type: 'array', items: ref('ImpactFigure') },
            'application/json',
            list(examples.impactFigure),
          ),
        },
      },
      '/api/export/companies.geojson': {
        get: {
          summary: 'Companies as a GeoJSON file',
          responses: ok('File', ref('CompanyCollection'), 'application/geo+json'),
        },
      },
      '/api/export/exchanges.csv': {
        get: { summary: 'Exchanges as CSV', responses: ok('File', { type: 'string' }, 'text/csv') },
      },
      '/api/export/candidates.ndjson': {
        get: {
          summary: 'Every computed candidate, streamed as newline-delimited JSON',
          description:
            'One candidate (as in /api/candidates) per line, giver by giver, each giver’s best first; generated as ' +
            'the client reads, so the answer can be as long as the region needs. With `perCompany`, one line per ' +
            'company the caller may see instead: `{"companyId", "candidates"}` with its best that many, as giver ' +
            'or receiver.',
          parameters: queryParameters(CandidatesExportQuerySchema),
          responses: {
            ...ok('Lines of JSON', { type: 'string' }, 'application/x-ndjson'),
            ...errors(400),
          },
        },
      },
      '/api/audit': {
        get: {
          summary: 'Recent changes (staff), newest first: each update with only the fields it changed',
          description:
            'A full page carries the header `x-next-before`: send it as `before` for the next (older) page.',
          security: staff,
          parameters: queryParameters(AuditQuerySchema),
          responses: {
            ...ok('Audit entries', { type: 'array', items: computed }),
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/partner-tokens': {
        get: {
          summary: 'Partner tokens issued (staff); never the secrets',
          security: staff,
          responses: {
            ...ok('Tokens', { type: 'array', items: ref('PartnerToken') }),
            ...errors(401, 403),
          },
        },
        post: {
          summary: 'Issue a partner token for one company (staff); the secret is in this answer only',
          security: staff,
          requestBody: { required: true, content: json(ref('PartnerTokenCreate')) },
          responses: {
            201: { description: 'Issued', content: json(ref('PartnerTokenIssued')) },
            ...errors(400, 401, 403, 404, 415),
          },
        },
      },
      '/api/partner-tokens/{id}': {
        parameters: [idParameter('id')],
        delete: {
          summary: 'Revoke a partner token (staff)',
          security: staff,
          responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: ok('OpenAPI 3.1', { type: 'object' }) },
      },
    },
  };
}
