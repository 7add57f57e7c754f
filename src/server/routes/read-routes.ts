import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  CandidatesQuerySchema,
  CompaniesQuerySchema,
  ExchangesQuerySchema,
  MapCompaniesQuerySchema,
  MapCompanyListSchema,
  PartnersQuerySchema,
  SessionSchema,
} from '../../domain/api.ts';
import { CompanyDetailSchema } from '../../domain/company-detail.ts';
import { filterCompanies } from '../../domain/company-filter.ts';
import { toMapCompany } from '../../domain/map-companies.ts';
import { CandidateExchangeListSchema, PartnerMatchListSchema } from '../../domain/matching/types.ts';
import {
  CompanyCollectionSchema,
  type CompanyFeature,
  ExchangeListSchema,
  ExchangeSchema,
  ImpactFigureListSchema,
  ResourceListSchema,
  StreamRecordSchema,
} from '../../domain/schema.ts';
import { AtlasStatsSchema, computeStats } from '../../domain/stats.ts';
import { isActiveIn } from '../../domain/timeline.ts';
import type { DatasetView } from '../../domain/visible-dataset.ts';
import type { AtlasService } from '../atlas-service.ts';
import type { AtlasEnv } from '../auth.ts';
import {
  answer,
  declared,
  declaredRoutes,
  errors,
  idParams,
  notModified,
  versionHeader,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { PreparedBody, sendPrepared } from '../prepared-body.ts';
import { etagOf } from '../record-versions.ts';

export function featureCollection(features: CompanyFeature[]) {
  return { type: 'FeatureCollection' as const, features };
}

export const GEOJSON = 'application/geo+json; charset=utf-8';

const isUnfiltered = (query: Record<string, unknown>) =>
  Object.values(query).every((value) => value === undefined);

/** A filter by a resource nobody has heard of is a typo, not a question with an empty answer. */
export function checkResource(view: DatasetView, resourceId: string | undefined): void {
  if (resourceId !== undefined && !view.resources.some((resource) => resource.id === resourceId)) {
    throw new ApiError(400, `Unknown resource "${resourceId}"; GET /api/resources lists them`);
  }
}

/**
 * Sends what `make` builds from the caller's view, serialised and compressed once per data version and
 * caller level, with an ETag (304 when the client has it). For the reads every map load asks for.
 */
export async function sendCachedJson(
  c: Context<AtlasEnv>,
  service: AtlasService,
  name: string,
  make: (view: DatasetView) => unknown,
  contentType?: string,
): Promise<Response> {
  const caller = c.get('caller');
  const body = await service.preparedBody(caller, name, (view) =>
    PreparedBody.json(make(view), caller.level, contentType),
  );
  return sendPrepared(c, body);
}

const companies = createRoute({
  method: 'get',
  path: '/companies',
  summary: 'Companies with their streams (GeoJSON)',
  request: { query: CompaniesQuerySchema },
  responses: {
    200: answer('Companies', CompanyCollectionSchema, 'application/geo+json'),
    ...notModified,
    ...errors(400),
  },
});

const mapCompanies = createRoute({
  method: 'get',
  path: '/map/companies',
  summary: 'The map’s company layer: every company the caller may see, lean (details: /api/companies/{id})',
  description:
    'What markers, labels, stream glyphs, clustering, filters and search need, one object a company. ' +
    'Served from memory, compressed (br, gzip) once per data version; send If-None-Match for a 304.',
  request: { query: MapCompaniesQuerySchema },
  responses: { 200: answer('Companies', MapCompanyListSchema), ...notModified, ...errors(400) },
});

const companyDetail = createRoute({
  method: 'get',
  path: '/companies/{id}',
  summary: 'One company with its exchanges and top candidates (staff also get its ETag)',
  request: { params: idParams },
  responses: {
    200: { ...answer('Company', CompanyDetailSchema), headers: versionHeader },
    ...errors(404),
  },
});

const stream = createRoute({
  method: 'get',
  path: '/streams/{id}',
  summary: 'One stream as the caller may see it (with its ETag for staff and its own partner)',
  request: { params: idParams },
  responses: { 200: { ...answer('Stream', StreamRecordSchema), headers: versionHeader }, ...errors(404) },
});

const exchange = createRoute({
  method: 'get',
  path: '/exchanges/{id}',
  summary: 'One exchange as the caller may see it (with its ETag for staff)',
  request: { params: idParams },
  responses: { 200: { ...answer('Exchange', ExchangeSchema), headers: versionHeader }, ...errors(404) },
});

const exchanges = createRoute({
  method: 'get',
  path: '/exchanges',
  summary: 'Exchanges',
  request: { query: ExchangesQuerySchema },
  responses: { 200: answer('Exchanges', ExchangeListSchema), ...notModified, ...errors(400) },
});

const candidates = createRoute({
  method: 'get',
  path: '/candidates',
  summary: 'Computed candidate exchanges, best first',
  description:
    'With `company`, the best `limit` candidates in which that company gives or receives (what its details ' +
    'list); without, the best `limit` of the whole region. Every candidate of the region is far more than one ' +
    'answer should hold: /api/export/candidates.ndjson streams them.',
  request: { query: CandidatesQuerySchema },
  responses: { 200: answer('Candidates', CandidateExchangeListSchema), ...errors(400, 404) },
});

const partners = createRoute({
  method: 'get',
  path: '/partners',
  summary: 'Partners near a point, ranked by distance and fit',
  request: { query: PartnersQuerySchema },
  responses: { 200: answer('Partners', PartnerMatchListSchema), ...errors(400) },
});

const stats = createRoute({
  method: 'get',
  path: '/stats',
  summary:
    'Counts per year (partners, exchanges flowing, exchanges with a figure per unit, never a sum of ' +
    'figures) and the published headline figures as published',
  responses: { 200: answer('Stats', AtlasStatsSchema), ...notModified, ...errors() },
});

const impactFigures = createRoute({
  method: 'get',
  path: '/impact-figures',
  summary: 'Published impact figures',
  responses: { 200: answer('Figures', ImpactFigureListSchema), ...notModified, ...errors() },
});

const session = createRoute({
  method: 'get',
  path: '/session',
  summary: 'Who the server takes the caller to be (public, partner of a company, or staff)',
  responses: { 200: answer('Session', SessionSchema), ...errors() },
});

const resources = createRoute({
  method: 'get',
  path: '/resources',
  summary: 'Resource taxonomy',
  responses: { 200: answer('Resources', ResourceListSchema), ...notModified, ...errors() },
});

/** Every read answers from the caller's view of the data, so nothing hidden can leak through any of them. */
export function readRoutes(service: AtlasService, contactEmail: string | null = null) {
  const api = declaredRoutes();
  const viewOf = (c: Context<AtlasEnv>) => service.viewFor(c.get('caller'));

  /** For the client's header: the level the server gives this caller, and a partner's company. */
  api.openapi(session, (c) => {
    const { level, companyId } = c.get('caller');
    return c.json({ level, companyId, contactEmail }, 200);
  });

  api.openapi(resources, (c) =>
    declared(
      resources,
      sendCachedJson(c, service, 'resources', (view) => view.resources),
    ),
  );

  api.openapi(companies, async (c) => {
    const query = c.req.valid('query');
    const view = await viewOf(c);
    checkResource(view, query.resource);
    if (isUnfiltered(query)) {
      return declared(
        companies,
        sendCachedJson(c, service, 'companies', (all) => featureCollection(all.companies), GEOJSON),
      );
    }
    c.header('content-type', GEOJSON);
    return declared(
      companies,
      c.body(JSON.stringify(featureCollection(filterCompanies(view.companies, query)))),
    );
  });

  // The map's lean company layer: markers, labels, glyphs, clusters and search; details per company below.
  api.openapi(mapCompanies, (c) =>
    declared(
      mapCompanies,
      sendCachedJson(c, service, 'map/companies', (view) => view.companies.map(toMapCompany)),
    ),
  );

  api.openapi(companyDetail, async (c) => {
    const { level } = c.get('caller');
    const { id } = c.req.valid('param');
    const view = await viewOf(c);
    const company = view.companies.find((feature) => feature.properties.id === id);
    if (!company) throw new ApiError(404, `No company "${id}"`);
    const index = await service.matching(level);
    // The version for If-Match, only to those who may change the company: a version moving on would tell
    // everyone else that something they cannot see has changed.
    if (level === 'secretariat') {
      const stored = await service.store.company(id);
      if (stored) c.header('etag', etagOf(stored.version));
    }
    return c.json(
      {
        company,
        exchanges: view.exchanges.filter((exchange) => exchange.from === id || exchange.to === id),
        candidates: index.candidatesFor(id, { visibleTo: level, limit: 10, includeExisting: false }),
      },
      200,
    );
  });

  // One stream or exchange as the caller may see it; its ETag goes to whoever may change it.
  api.openapi(stream, async (c) => {
    const caller = c.get('caller');
    const { id } = c.req.valid('param');
    const view = await viewOf(c);
    for (const company of view.companies) {
      const found = company.properties.streams.find((s) => s.id === id);
      if (!found) continue;
      const companyId = company.properties.id;
      if (caller.level === 'secretariat' || caller.companyId === companyId) {
        const stored = await service.store.stream(id);
        if (stored) c.header('etag', etagOf(stored.version));
      }
      return c.json({ ...found, companyId }, 200);
    }
    throw new ApiError(404, `No stream "${id}"`);
  });

  api.openapi(exchange, async (c) => {
    const { id } = c.req.valid('param');
    const found = (await viewOf(c)).exchanges.find((candidate) => candidate.id === id);
    if (!found) throw new ApiError(404, `No exchange "${id}"`);
    if (c.get('caller').level === 'secretariat') {
      const stored = await service.store.exchange(id);
      if (stored) c.header('etag', etagOf(stored.version));
    }
    return c.json(found, 200);
  });

  api.openapi(exchanges, async (c) => {
    const query = c.req.valid('query');
    if (isUnfiltered(query)) {
      return declared(
        exchanges,
        sendCachedJson(c, service, 'exchanges', (view) => view.exchanges),
      );
    }
    const view = await viewOf(c);
    checkResource(view, query.resource);
    return c.json(
      view.exchanges.filter(
        (candidate) =>
          (!query.status || query.status.includes(candidate.status)) &&
          (!query.resource || candidate.resourceId === query.resource) &&
          (query.year === undefined || isActiveIn(candidate, query.year)),
      ),
      200,
    );
  });

  api.openapi(candidates, async (c) => {
    const { level } = c.get('caller');
    const query = c.req.valid('query');
    const view = await viewOf(c);
    checkResource(view, query.resource);
    if (query.company && !view.companies.some((feature) => feature.properties.id === query.company)) {
      throw new ApiError(404, `No company "${query.company}"`);
    }
    const index = await service.matching(level);
    const options = { visibleTo: level, limit: query.limit, resourceId: query.resource, maxKm: query.maxKm };
    return c.json(
      query.company ? index.candidatesFor(query.company, options) : index.allCandidates(options),
      200,
    );
  });

  api.openapi(partners, async (c) => {
    const { level } = c.get('caller');
    const query = c.req.valid('query');
    checkResource(await viewOf(c), query.resource);
    const index = await service.matching(level);
    return c.json(
      index.partnersNear({
        lon: query.lon,
        lat: query.lat,
        radiusKm: query.radiusKm,
        resourceId: query.resource,
        direction: query.direction,
        limit: query.limit,
        visibleTo: level,
      }),
      200,
    );
  });

  api.openapi(stats, (c) => {
    const year = service.currentYear();
    return declared(
      stats,
      sendCachedJson(c, service, `stats/${year}`, (view) =>
        computeStats(view.companies, view.exchanges, view.impactFigures, year),
      ),
    );
  });

  api.openapi(impactFigures, (c) =>
    declared(
      impactFigures,
      sendCachedJson(c, service, 'impact-figures', (view) => view.impactFigures),
    ),
  );

  return api;
}
