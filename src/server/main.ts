import { existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, readConfig } from './config.ts';

function start(): void {
  const config = readConfig(process.env);
  if (!existsSync(path.join(config.clientDir, 'index.html'))) {
    throw new ConfigError(
      `No built client in ${config.clientDir}: run "npm run build" (npm start does it for you).`,
    );
  }
  const app = createApp({ clientDir: config.clientDir, geodataDir: config.geodataDir });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    // Tests and scripts read this line to learn the port when PORT=0.
    console.log(`Symbiosis Atlas listening on http://${host}:${info.port}`);
  });

  const shutdown = () => server.close(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

try {
  start();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Symbiosis Atlas cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
