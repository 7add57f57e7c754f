import { createRoute } from '@hono/zod-openapi';
import { distance } from '@turf/turf';
import { z } from 'zod';
import { CandidatesExportQuerySchema } from '../../domain/api.ts';
import { toCsv } from '../../domain/csv.ts';
import { CandidateExchangeSchema, CompanyCandidatesSchema } from '../../domain/matching/types.ts';
import { municipalityName } from '../../domain/municipalities.ts';
import { CompanyCollectionSchema } from '../../domain/schema.ts';
import type { AtlasService } from '../atlas-service.ts';
import { answer, declared, declaredRoutes, errors, notModified } from '../contract.ts';
import { NDJSON_TYPE, ndjsonStream } from '../ndjson.ts';
import { PreparedBody, sendPrepared } from '../prepared-body.ts';
import { checkResource, featureCollection, GEOJSON } from './read-routes.ts';

const exchangeColumns = [
  'id',
  'status',
  'from_id',
  'from_name',
  'from_municipality',
  'from_municipality_name',
  'to_id',
  'to_name',
  'to_municipality',
  'to_municipality_name',
  'resource_id',
  'resource_en',
  'resource_da',
  'start_year',
  'end_year',
  'last_seen_year',
  'quantity',
  'unit',
  'quantity_min',
  'quantity_max',
  'distance_km',
  'verification',
  'source',
] as const;

/** A municipality's DAGI code and, for people reading the file, its name. */
function municipalityCells(code: string | null | undefined): [string | null, string | null] {
  if (code === null || code === undefined) return [null, null];
  return [code, municipalityName(code)];
}

const companiesFile = createRoute({
  method: 'get',
  path: '/export/companies.geojson',
  summary: 'Companies as a GeoJSON file',
  responses: {
    200: answer('File', CompanyCollectionSchema, 'application/geo+json'),
    ...notModified,
    ...errors(),
  },
});

const exchangesFile = createRoute({
  method: 'get',
  path: '/export/exchanges.csv',
  summary: 'Exchanges as CSV',
  responses: {
    200: answer(
      'File',
      z.string().meta({
        description: `UTF-8 with a byte order mark, one exchange a row; columns: ${exchangeColumns.join(', ')}`,
      }),
      'text/csv',
    ),
    ...errors(),
  },
});

const candidatesFile = createRoute({
  method: 'get',
  path: '/export/candidates.ndjson',
  summary: 'Every computed candidate, streamed as newline-delimited JSON',
  description:
    'One candidate (as in /api/candidates) per line, giver by giver, each giver’s best first; generated as ' +
    'the client reads, so the answer can be as long as the region needs. With `perCompany`, one line per ' +
    'company the caller may see instead: `{"companyId", "candidates"}` with its best that many, as giver ' +
    'or receiver. The schema is that of one line.',
  request: { query: CandidatesExportQuerySchema },
  responses: {
    200: answer(
      'Lines of JSON',
      z.union([CandidateExchangeSchema, CompanyCandidatesSchema]),
      'application/x-ndjson',
    ),
    ...errors(400),
  },
});

/** Downloads for reports: the same view of the data as the map, as files. */
export function exportRoutes(service: AtlasService) {
  const api = declaredRoutes();

  // The largest download (every company in full, indented): made and compressed once per version and level.
  api.openapi(companiesFile, async (c) => {
    const caller = c.get('caller');
    const file = await service.preparedBody(caller, 'export/companies.geojson', (view) => {
      const text = JSON.stringify(featureCollection(view.companies), null, 1);
      return new PreparedBody(new TextEncoder().encode(text), GEOJSON, caller.level);
    });
    c.header('content-disposition', 'attachment; filename="symbiosis-atlas-companies.geojson"');
    return declared(companiesFile, sendPrepared(c, file));
  });

  api.openapi(exchangesFile, async (c) => {
    const view = await service.viewFor(c.get('caller'));
    const companies = new Map(view.companies.map((feature) => [feature.properties.id, feature]));
    const resources = new Map(view.resources.map((resource) => [resource.id, resource]));
    const rows = view.exchanges.map((exchange) => {
      const from = companies.get(exchange.from);
      const to = companies.get(exchange.to);
      const resource = resources.get(exchange.resourceId);
      const km =
        from && to
          ? Math.round(distance(from.geometry, to.geometry, { units: 'kilometers' }) * 100) / 100
          : null;
      return [
        exchange.id,
        exchange.status,
        exchange.from,
        from?.properties.name ?? null,
        ...municipalityCells(from?.properties.municipality),
        exchange.to,
        to?.properties.name ?? null,
        ...municipalityCells(to?.properties.municipality),
        exchange.resourceId,
        resource?.label.en ?? null,
        resource?.label.da ?? null,
        exchange.startYear,
        exchange.endYear,
        exchange.lastSeenYear ?? null,
        exchange.quantity.value,
        exchange.quantity.unit,
        // A quantity the caller may not see exactly comes as a band (min ≤ value < max), quantity left empty.
        'band' in exchange.quantity ? exchange.quantity.band.min : null,
        'band' in exchange.quantity ? exchange.quantity.band.max : null,
        km,
        exchange.verification,
        exchange.source.join(' | '),
      ];
    });
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="symbiosis-atlas-exchanges.csv"');
    return declared(exchangesFile, c.body(`\uFEFF${toCsv(exchangeColumns, rows)}`));
  });

  // All candidates of a region are millions for 10,000 companies: never one JSON array, always this stream,
  // computed giver by giver as the client reads. Built from the caller's level's own matching index, so
  // nothing hidden from that level goes into any line.
  api.openapi(candidatesFile, async (c) => {
    const { level } = c.get('caller');
    const query = c.req.valid('query');
    const view = await service.view(level);
    checkResource(view, query.resource);
    const index = await service.matching(level);
    const options = { visibleTo: level, resourceId: query.resource, maxKm: query.maxKm };
    const lines =
      query.perCompany === undefined
        ? index.eachCandidate(options)
        : index.bestPerCompany({ ...options, perCompany: query.perCompany });
    c.header('content-type', NDJSON_TYPE);
    c.header('content-disposition', 'attachment; filename="symbiosis-atlas-candidates.ndjson"');
    return declared(candidatesFile, c.body(ndjsonStream(lines)));
  });

  return api;
}
