import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { createApp } from './src/server/app.ts';
import { AtlasService } from './src/server/atlas-service.ts';
import { readConfig } from './src/server/config.ts';
import { openStore } from './src/server/storage/open-store.ts';

const projectRoot = import.meta.dirname;

/** `npm run dev`: the real API inside Vite's dev server, so hot reload and the API share one origin. */
function atlasApi(): Plugin {
  return {
    name: 'symbiosis-atlas-api',
    // Only `npm run dev`: vitest also starts Vite servers (one per test project), which need no API.
    apply: () => process.env.VITEST === undefined,
    configureServer(server) {
      const config = readConfig(process.env, projectRoot);
      // Opened on the first API request, so starting the dev server never waits on (or seeds) the database.
      let listener: ReturnType<typeof getRequestListener> | null = null;
      const api = async () => {
        if (!listener) {
          const store = await openStore(config.dataDir, config.geodataDir);
          const app = createApp({
            geodataDir: config.geodataDir,
            service: new AtlasService(store),
            staffToken: config.staffToken,
            contactEmail: config.contactEmail,
          });
          listener = getRequestListener(app.fetch);
        }
        return listener;
      };
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/api/') || req.url?.startsWith('/geodata/')) {
          void api().then((handle) => handle(req, res), next);
          return;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root: path.join(projectRoot, 'src/app'),
  publicDir: path.join(projectRoot, 'public'),
  plugins: [react(), atlasApi()],
  // MapLibre starts its worker as an ES module.
  worker: { format: 'es' },
  build: {
    outDir: path.join(projectRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    root: projectRoot,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/*.test.ts'],
          // The committed geodata checks walk every coordinate; on two busy cores that can take seconds.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // One Chromium and one server at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
