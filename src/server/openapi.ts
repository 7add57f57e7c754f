import { z } from 'zod';
import {
  CandidatesQuerySchema,
  CompaniesQuerySchema,
  CompanyCreateSchema,
  CompanyPatchSchema,
  ErrorBodySchema,
  ExchangeCreateSchema,
  ExchangePatchSchema,
  ExchangesQuerySchema,
  HealthSchema,
  PartnersQuerySchema,
  StreamCreateSchema,
  StreamPatchSchema,
} from '../domain/api.ts';
import { basemapManifestSchema } from '../domain/basemap.ts';
import {
  CompanyCollectionSchema,
  CompanyFeatureSchema,
  ExchangeSchema,
  ImpactFigureSchema,
  ResourceSchema,
  StreamRecordSchema,
} from '../domain/schema.ts';

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
const ok = (description: string, schema: JsonSchema, type = 'application/json') => ({
  200: { description, content: { [type]: { schema } } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Error', content: json(ref('Error')) }]));
const idParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const staff = [{ staffToken: [] }];

const computed = {
  type: 'object',
  description: 'Computed by the matching engine (src/domain/matching.ts); fields as named there.',
  additionalProperties: true,
};

/** The OpenAPI 3.1 description, generated from the very schemas that validate requests. */
export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Symbiosis Atlas API',
      version: '1',
      description:
        'Companies, side-streams, exchanges and computed candidate exchanges of the Kalundborg symbiosis and its ' +
        'region. Reads answer what the caller may see; writes need the secretariat staff token.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { staffToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: schemaOf(ErrorBodySchema, 'output'),
        Resource: schemaOf(ResourceSchema, 'output'),
        Company: schemaOf(CompanyFeatureSchema, 'output'),
        CompanyCollection: schemaOf(CompanyCollectionSchema, 'output'),
        Stream: schemaOf(StreamRecordSchema, 'output'),
        Exchange: schemaOf(ExchangeSchema, 'output'),
        ImpactFigure: schemaOf(ImpactFigureSchema, 'output'),
        CompanyCreate: schemaOf(CompanyCreateSchema, 'input'),
        CompanyPatch: schemaOf(CompanyPatchSchema, 'input'),
        StreamCreate: schemaOf(StreamCreateSchema, 'input'),
        StreamPatch: schemaOf(StreamPatchSchema, 'input'),
        ExchangeCreate: schemaOf(ExchangeCreateSchema, 'input'),
        ExchangePatch: schemaOf(ExchangePatchSchema, 'input'),
      },
    },
    paths: {
      '/api/health': {
        get: { summary: 'Health check', responses: ok('Up', schemaOf(HealthSchema, 'output')) },
      },
      '/api/basemap': {
        get: {
          summary: 'Basemap layers on this server',
          responses: ok('Manifest', schemaOf(basemapManifestSchema, 'output')),
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
          responses: { ...ok('Companies', ref('CompanyCollection'), 'application/geo+json'), ...errors(400) },
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
      '/api/companies/{id}': {
        parameters: [idParameter('id')],
        get: {
          summary: 'One company with its exchanges and top candidates',
          responses: { ...ok('Company', computed), ...errors(404) },
        },
        patch: {
          summary: 'Change a company',
          security: staff,
          requestBody: { required: true, content: json(ref('CompanyPatch')) },
          responses: { ...ok('Changed', ref('Company')), ...errors(400, 401, 403, 404, 413, 415) },
        },
        delete: {
          summary: 'Delete a company that takes part in no exchange',
          security: staff,
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409) },
        },
      },
      '/api/companies/{id}/streams': {
        parameters: [idParameter('id')],
        post: {
          summary: 'Add a stream (output it has, input it needs)',
          security: staff,
          requestBody: { required: true, content: json(ref('StreamCreate')) },
          responses: {
            201: { description: 'Created', content: json(ref('Stream')) },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      '/api/streams/{id}': {
        parameters: [idParameter('id')],
        patch: {
          summary: 'Change a stream',
          security: staff,
          requestBody: { required: true, content: json(ref('StreamPatch')) },
          responses: { ...ok('Changed', ref('Stream')), ...errors(400, 401, 403, 404) },
        },
        delete: {
          summary: 'Delete a stream',
          security: staff,
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
        },
      },
      '/api/exchanges': {
        get: {
          summary: 'Exchanges',
          parameters: queryParameters(ExchangesQuerySchema),
          responses: { ...ok('Exchanges', { type: 'array', items: ref('Exchange') }), ...errors(400) },
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
        patch: {
          summary: 'Move an exchange on (candidate → proposed → existing → historic, or rejected)',
          security: staff,
          requestBody: { required: true, content: json(ref('ExchangePatch')) },
          responses: { ...ok('Changed', ref('Exchange')), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/candidates': {
        get: {
          summary: 'Computed candidate exchanges, best first',
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
        get: { summary: 'Headline totals and the year-by-year series', responses: ok('Stats', computed) },
      },
      '/api/impact-figures': {
        get: {
          summary: 'Published impact figures',
          responses: ok('Figures', { type: 'array', items: ref('ImpactFigure') }),
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
      '/api/audit': {
        get: {
          summary: 'Recent changes (staff)',
          security: staff,
          responses: { ...ok('Audit entries', { type: 'array', items: computed }), ...errors(401, 403) },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: ok('OpenAPI 3.1', { type: 'object' }) },
      },
    },
  };
}
