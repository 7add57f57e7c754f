import { type Context, Hono } from 'hono';
import {
  CandidatesQuerySchema,
  CompaniesQuerySchema,
  ExchangesQuerySchema,
  MapCompaniesQuerySchema,
  PartnersQuerySchema,
} from '../../domain/api.ts';
import { filterCompanies } from '../../domain/company-filter.ts';
import { toMapCompany } from '../../domain/map-companies.ts';
import type { CompanyFeature } from '../../domain/schema.ts';
import { computeStats } from '../../domain/stats.ts';
import { isActiveIn } from '../../domain/timeline.ts';
import type { DatasetView } from '../../domain/visible-dataset.ts';
import type { AtlasService } from '../atlas-service.ts';
import type { AtlasEnv } from '../auth.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { openApiDocument, openApiExamples } from '../openapi.ts';
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

/** Every read answers from the caller's view of the data, so nothing hidden can leak through any of them. */
export function readRoutes(service: AtlasService, contactEmail: string | null = null): Hono<AtlasEnv> {
  const api = new Hono<AtlasEnv>();
  const viewOf = (c: Context<AtlasEnv>) => service.viewFor(c.get('caller'));

  /** For the client's header: the level the server gives this caller, and a partner's company. */
  api.get('/session', (c) => {
    const { level, companyId } = c.get('caller');
    return c.json({ level, companyId, contactEmail });
  });

  // The examples in the description are real records, taken from what this caller may see.
  api.get('/openapi.json', async (c) => c.json(openApiDocument(openApiExamples(await viewOf(c)))));

  api.get('/resources', (c) => sendCachedJson(c, service, 'resources', (view) => view.resources));

  api.get('/companies', async (c) => {
    const query = parseOrThrow(CompaniesQuerySchema, c.req.query(), 'query');
    const view = await viewOf(c);
    checkResource(view, query.resource);
    if (isUnfiltered(query)) {
      return sendCachedJson(c, service, 'companies', (all) => featureCollection(all.companies), GEOJSON);
    }
    c.header('content-type', GEOJSON);
    return c.body(JSON.stringify(featureCollection(filterCompanies(view.companies, query))));
  });

  // The map's lean company layer: markers, labels, glyphs, clusters and search; details per company below.
  api.get('/map/companies', (c) => {
    parseOrThrow(MapCompaniesQuerySchema, c.req.query(), 'query');
    return sendCachedJson(c, service, 'map/companies', (view) => view.companies.map(toMapCompany));
  });

  api.get('/companies/:id', async (c) => {
    const { level } = c.get('caller');
    const id = c.req.param('id');
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
    return c.json({
      company,
      exchanges: view.exchanges.filter((exchange) => exchange.from === id || exchange.to === id),
      candidates: index.candidatesFor(id, { visibleTo: level, limit: 10, includeExisting: false }),
    });
  });

  // One stream or exchange as the caller may see it; its ETag goes to whoever may change it.
  api.get('/streams/:id', async (c) => {
    const caller = c.get('caller');
    const id = c.req.param('id');
    const view = await viewOf(c);
    for (const company of view.companies) {
      const stream = company.properties.streams.find((s) => s.id === id);
      if (!stream) continue;
      const companyId = company.properties.id;
      if (caller.level === 'secretariat' || caller.companyId === companyId) {
        const stored = await service.store.stream(id);
        if (stored) c.header('etag', etagOf(stored.version));
      }
      return c.json({ ...stream, companyId });
    }
    throw new ApiError(404, `No stream "${id}"`);
  });

  api.get('/exchanges/:id', async (c) => {
    const id = c.req.param('id');
    const exchange = (await viewOf(c)).exchanges.find((candidate) => candidate.id === id);
    if (!exchange) throw new ApiError(404, `No exchange "${id}"`);
    if (c.get('caller').level === 'secretariat') {
      const stored = await service.store.exchange(id);
      if (stored) c.header('etag', etagOf(stored.version));
    }
    return c.json(exchange);
  });

  api.get('/exchanges', async (c) => {
    const query = parseOrThrow(ExchangesQuerySchema, c.req.query(), 'query');
    if (isUnfiltered(query)) return sendCachedJson(c, service, 'exchanges', (view) => view.exchanges);
    const view = await viewOf(c);
    checkResource(view, query.resource);
    return c.json(
      view.exchanges.filter(
        (exchange) =>
          (!query.status || query.status.includes(exchange.status)) &&
          (!query.resource || exchange.resourceId === query.resource) &&
          (query.year === undefined || isActiveIn(exchange, query.year)),
      ),
    );
  });

  api.get('/candidates', async (c) => {
    const { level } = c.get('caller');
    const query = parseOrThrow(CandidatesQuerySchema, c.req.query(), 'query');
    const view = await viewOf(c);
    checkResource(view, query.resource);
    if (query.company && !view.companies.some((feature) => feature.properties.id === query.company)) {
      throw new ApiError(404, `No company "${query.company}"`);
    }
    const index = await service.matching(level);
    const options = { visibleTo: level, limit: query.limit, resourceId: query.resource, maxKm: query.maxKm };
    return c.json(query.company ? index.candidatesFor(query.company, options) : index.allCandidates(options));
  });

  api.get('/partners', async (c) => {
    const { level } = c.get('caller');
    const query = parseOrThrow(PartnersQuerySchema, c.req.query(), 'query');
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
    );
  });

  api.get('/stats', (c) => {
    const year = service.currentYear();
    return sendCachedJson(c, service, `stats/${year}`, (view) =>
      computeStats(view.companies, view.exchanges, view.impactFigures, year),
    );
  });

  api.get('/impact-figures', (c) =>
    sendCachedJson(c, service, 'impact-figures', (view) => view.impactFigures),
  );

  return api;
}
