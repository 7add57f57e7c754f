// vitest globalSetup: one PostgreSQL for the whole test run, whichever projects run, shared through
// inject('postgres'). Each project calls this setup, so the first starts the server and the last stops it.
import type { TestProject } from 'vitest/node';
import { HOW_TO_RUN_POSTGRES, type PostgresCluster, startPostgresForTests } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server to test the PostgreSQL store against, or why there is none (its tests are then skipped). */
    postgres: { adminUrl: string; template: string } | { absent: string };
  }
}

interface Shared {
  started: Promise<PostgresCluster | { absent: string }>;
  users: number;
}

const key = Symbol.for('symbiosis-atlas.test-postgres');
const holder = globalThis as typeof globalThis & { [key]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = holder[key];
  if (!shared) {
    const started = startPostgresForTests();
    shared = { started, users: 0 };
    holder[key] = shared;
    const result = await started;
    if ('absent' in result) {
      console.warn(`PostgreSQL store tests skipped: ${result.absent}. To run them, ${HOW_TO_RUN_POSTGRES}.`);
    }
  }
  shared.users++;
  const result = await shared.started;
  project.provide(
    'postgres',
    'absent' in result ? { absent: result.absent } : { adminUrl: result.adminUrl, template: result.template },
  );
  return async () => {
    if (!shared || --shared.users > 0) return;
    holder[key] = undefined;
    if (!('absent' in result)) await result.stop();
  };
}
