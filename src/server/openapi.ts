/**
 * The OpenAPI 3.1 document, generated from the routes as declared (contract.ts): this module adds only what
 * no route says (the title, the security schemes) and the examples, which are real records taken from what
 * the caller of the document may see.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { toMapCompany } from '../domain/map-companies.ts';
import type { CompanyFeature, Exchange, ImpactFigure, StreamRecord } from '../domain/schema.ts';
import type { DatasetView } from '../domain/visible-dataset.ts';
import type { AtlasService } from './atlas-service.ts';
import type { AtlasEnv } from './auth.ts';
import { answer, errors } from './contract.ts';

const info = {
  title: 'Symbiosis Atlas API',
  version: '1',
  description:
    'Companies, side-streams, exchanges and computed candidate exchanges of the Kalundborg symbiosis and its ' +
    'region. Reads answer what the caller may see: anonymous callers the public records, a partner token ' +
    'also what is shared with partners (and its own company in full), the staff token everything. A ' +
    'quantity the caller may not see exactly comes as a band {value: null, unit, band: {min, max}}. ' +
    'Writes need the staff token; a partner token may change its own company’s streams. The examples ' +
    'below are taken from what the caller of this document may see.',
};

const securitySchemes = {
  staffToken: { type: 'http', scheme: 'bearer', description: 'ATLAS_STAFF_TOKEN: secretariat staff' },
  partnerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A partner token issued by staff (POST /api/partner-tokens) for one company',
  },
} as const;

/**
 * What the document's own answer is declared as: its outline. The full schema of an OpenAPI document is the
 * OpenAPI 3.1 meta-schema, against which the server tests validate it.
 */
const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.looseObject({})),
    components: z.looseObject({}),
  })
  .meta({
    id: 'OpenApiDocument',
    description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)',
  });
export type OpenApiDocument = z.infer<typeof OpenApiDocumentSchema>;

const documentRoute = createRoute({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document',
  responses: { 200: answer('OpenAPI 3.1', OpenApiDocumentSchema), ...errors() },
});

/** The document of every route declared on `app`, without examples. */
export function openApiDocument(app: OpenAPIHono<AtlasEnv>): OpenApiDocument {
  const document = app.getOpenAPI31Document({ openapi: '3.1.0', info, servers: [{ url: '/' }] });
  return OpenApiDocumentSchema.parse(document);
}

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

type Operations = Record<string, { responses?: Record<string, { content?: Record<string, object> }> }>;

/** The document with the examples put in place (a copy: the generated document is shared). */
export function withExamples(document: OpenApiDocument, examples: ApiExamples): OpenApiDocument {
  const copy = structuredClone(document);
  const list = <T>(item: T | undefined) => (item === undefined ? undefined : [item]);
  const put = (path: string, method: string, status: string, mediaType: string, example: unknown) => {
    if (example === undefined) return;
    const content = (copy.paths[path] as Operations | undefined)?.[method]?.responses?.[status]?.content;
    const media = content?.[mediaType];
    if (media) content[mediaType] = { ...media, example };
  };
  put(
    '/api/companies',
    'get',
    '200',
    'application/geo+json',
    examples.company && { type: 'FeatureCollection', features: [examples.company] },
  );
  put(
    '/api/map/companies',
    'get',
    '200',
    'application/json',
    examples.company && [toMapCompany(examples.company)],
  );
  put('/api/streams/{id}', 'get', '200', 'application/json', examples.stream);
  put('/api/streams/{id}', 'patch', '200', 'application/json', examples.stream);
  put('/api/exchanges', 'get', '200', 'application/json', list(examples.exchange));
  put('/api/exchanges/{id}', 'get', '200', 'application/json', examples.exchange);
  put('/api/impact-figures', 'get', '200', 'application/json', list(examples.impactFigure));
  return copy;
}

/**
 * Serves the document at /api/openapi.json. It is generated on the first request, when every route has been
 * declared, and then kept: only the examples differ from one caller to the next.
 */
export function mountOpenApi(app: OpenAPIHono<AtlasEnv>, service: AtlasService): void {
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  }
  let generated: OpenApiDocument | null = null;
  app.openapi(documentRoute, async (c) => {
    generated ??= openApiDocument(app);
    const examples = openApiExamples(await service.viewFor(c.get('caller')));
    return c.json(withExamples(generated, examples), 200);
  });
}
