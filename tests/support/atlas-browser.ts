import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { type RunningServer, startServer } from './server.ts';

export interface AtlasBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * The production server (with `env`) and a Chromium for the spec file that calls this at its top: started
 * before its first test, closed after its last. Read `server` and `browser` inside hooks and tests only.
 */
export function atlasBrowser(env: NodeJS.ProcessEnv = {}): AtlasBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is read before beforeAll started it`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}
