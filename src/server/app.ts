import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { mountBasemap } from './basemap.ts';

export interface AppOptions {
  /** The built client; when absent (API-only use, e.g. under Vite's dev server) no static files are served. */
  clientDir?: string;
  geodataDir: string;
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
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function createApp(options: AppOptions): Hono {
  const app = new Hono();

  app.use('*', secureHeaders({ contentSecurityPolicy }));
  // GeoJSON and glyphs compress four- to tenfold; that matters on a presenter's laptop over Wi-Fi.
  app.use('*', compress());

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  mountBasemap(app, options.geodataDir);

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
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(error);
    return c.json({ error: 'Internal server error' }, 500);
  });

  return app;
}
