import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { HealthSchema } from '../domain/api.ts';
import type { AtlasService } from './atlas-service.ts';
import { type AtlasEnv, identifyCaller } from './auth.ts';
import { mountBasemap } from './basemap.ts';
import type { RateLimits } from './config.ts';
import { answer, declaredRoutes, errors } from './contract.ts';
import { ApiError } from './errors.ts';
import { mountOpenApi } from './openapi.ts';
import { rateLimit } from './rate-limit.ts';
import { etagOf } from './record-versions.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { exportRoutes } from './routes/export-routes.ts';
import { pipelineRoutes } from './routes/pipeline-routes.ts';
import { readRoutes } from './routes/read-routes.ts';
import { registrationRoutes } from './routes/registration-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { scenarioRoutes } from './routes/scenario-routes.ts';
import { writeRoutes } from './routes/write-routes.ts';
import {
  StoreConflictError,
  StoreNotFoundError,
  StorePreconditionError,
  StoreUnavailableError,
} from './storage/atlas-store.ts';

export interface AppOptions {
  /** The built client; when absent (API-only use, e.g. under Vite's dev server) no static files are served. */
  clientDir?: string;
  geodataDir: string;
  service: AtlasService;
  /** ATLAS_STAFF_TOKEN: without it the API is read-only (partner tokens still read at the partners level). */
  staffToken?: string;
  /** ATLAS_CONTACT_EMAIL, for the partner finder's contact links. */
  contactEmail?: string | null;
  /** Per-caller rate limits; absent or null = none (loopback use). */
  rateLimits?: RateLimits | null;
  /** The public registration form's own limit per address, on even without `rateLimits` (default 5). */
  registrationsPerMinute?: number;
}

/**
 * The app talks to nobody but its own origin, so the policy says exactly that. MapLibre starts its worker
 * from a blob: URL and draws with data:/blob: images; inline style attributes come from MapLibre and React.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  // data: lets deck.gl decode the inline marker icons; like blob:, it never leaves the machine.
  connectSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

const health = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Health check: 503 while the store cannot be read or written, with the reason',
  responses: {
    // Its own 503 is the health report, not an error body.
    ...errors(),
    200: answer('Up', HealthSchema),
    503: answer('Store unavailable', HealthSchema),
  },
});

export function createApp(options: AppOptions): OpenAPIHono<AtlasEnv> {
  const app = declaredRoutes();

  app.use('*', secureHeaders({ contentSecurityPolicy }));
  // GeoJSON compresses four- to tenfold; that matters on a presenter's laptop over Wi-Fi.
  app.use('*', compress());

  // For load balancers and operators: 503 as long as the store cannot take writes, and why.
  app.openapi(health, async (c) => {
    const state = await options.service.store.health();
    if (state.ok) return c.json({ status: 'ok' as const }, 200);
    return c.json({ status: 'unavailable' as const, store: state.reason }, 503);
  });
  mountBasemap(app, options.geodataDir);

  // Everything below answers per caller: public, a partner (token looked up by its hash) or staff.
  const store = options.service.store;
  app.use(
    '/api/*',
    identifyCaller(options.staffToken, (hash) => store.findPartnerToken(hash)),
  );
  if (options.rateLimits) app.use('/api/*', rateLimit(options.rateLimits));
  // Reads know when writes are under way, to rebuild their views at a steady pace meanwhile.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    try {
      await next();
    } finally {
      options.service.wrote(c.get('caller').actor);
    }
  });
  app.route('/api', readRoutes(options.service, options.contactEmail ?? null));
  app.route('/api', exportRoutes(options.service));
  app.route('/api', writeRoutes(options.service, options.staffToken));
  app.route('/api', adminRoutes(options.service, options.staffToken));
  app.route('/api', pipelineRoutes(options.service, options.staffToken));
  app.route(
    '/api',
    registrationRoutes(options.service, options.staffToken, {
      geodataDir: options.geodataDir,
      perMinute: options.registrationsPerMinute,
    }),
  );
  app.route('/api', scenarioRoutes(options.service, options.staffToken));
  app.route('/api', reportRoutes(options.service, options.staffToken));
  mountOpenApi(app, options.service);

  app.all('/api/*', (c) => c.json({ error: `No API route for ${c.req.method} ${c.req.path}` }, 404));

  if (options.clientDir !== undefined) {
    const root = options.clientDir;
    app.use('/assets/*', async (c, next) => {
      // Vite fingerprints everything under assets/, so it can be cached for good.
      await next();
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root }));
    // Client-side routes (e.g. /present) all load the same page.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  }

  app.notFound((c) => c.json({ error: `Not found: ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.body(), error.status);
    if (error instanceof StoreNotFoundError) return c.json({ error: error.message }, 404);
    if (error instanceof StoreConflictError) return c.json({ error: error.message }, 409);
    if (error instanceof StorePreconditionError) {
      // The current version, so that a client that chooses to overwrite knows what it overwrites.
      c.header('etag', etagOf(error.currentVersion));
      return c.json(
        { error: `${error.message}: reload it to see the change, or send the new ETag to overwrite it` },
        412,
      );
    }
    if (error instanceof StoreUnavailableError) {
      console.error(`storage unavailable: ${c.req.method} ${c.req.path}: ${error.message}`);
      if (error.retryAfterS !== null) c.header('retry-after', String(error.retryAfterS));
      return c.json({ error: error.message }, 503);
    }
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(error);
    return c.json({ error: 'Internal server error' }, 500);
  });

  return app;
}
