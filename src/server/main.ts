import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { AtlasService } from './atlas-service.ts';
import { ConfigError, readConfig } from './config.ts';
import { openStore } from './storage/open-store.ts';

/**
 * How stale a view may be during a burst of writes when instances share one database. Read-your-writes
 * holds only for writes made through this instance, so a caller whose write went through another instance
 * relies on this bound to see it within a second (one instance alone keeps AtlasService's default).
 */
const SHARED_MAX_LAG_MS = 750;

async function start(): Promise<void> {
  const config = readConfig(process.env);
  if (!existsSync(path.join(config.clientDir, 'index.html'))) {
    throw new ConfigError(
      `No built client in ${config.clientDir}: run "npm run build" (npm start does it for you).`,
    );
  }
  const store = await openStore(config.dataDir, config.geodataDir, {
    explicitSeed: config.explicitSeed,
    maxBytes: config.maxDatabaseBytes,
    databaseUrl: config.databaseUrl,
  });
  const app = createApp({
    clientDir: config.clientDir,
    geodataDir: config.geodataDir,
    service: new AtlasService(store, undefined, config.databaseUrl ? { maxLagMs: SHARED_MAX_LAG_MS } : {}),
    staffToken: config.staffToken,
    contactEmail: config.contactEmail,
    rateLimits: config.limits.rate,
  });
  const { limits } = config;
  const serverOptions = {
    // Half-sent requests are cut off early (and checked for every 2 s rather than Node's 30 s), so that a
    // slow or stalled client holds a connection for seconds, not minutes.
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: 2_000,
  };
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host, serverOptions },
    (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      // Tests and scripts read this line to learn the port when PORT=0.
      console.log(`Symbiosis Atlas listening on http://${host}:${info.port}`);
      if (!config.staffToken) console.log('Read-only: set ATLAS_STAFF_TOKEN to let secretariat staff edit.');
    },
  );
  // Beyond this many open connections new ones are refused at once, before they can use a file descriptor
  // each for minutes.
  server.maxConnections = limits.maxConnections;

  const shutdown = () =>
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

start().catch((error: unknown) => {
  console.error(`Symbiosis Atlas cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
