import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { createApp } from './src/server/app.ts';

const projectRoot = import.meta.dirname;

/** `npm run dev`: the real API inside Vite's dev server, so hot reload and the API share one origin. */
function atlasApi(): Plugin {
  return {
    name: 'symbiosis-atlas-api',
    configureServer(server) {
      const api = getRequestListener(createApp({ geodataDir: path.join(projectRoot, 'geodata') }).fetch);
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/api/') || req.url?.startsWith('/geodata/')) {
          void api(req, res);
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
