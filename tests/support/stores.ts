// Both stores behind one face, for the specs every AtlasStore must meet (store-conformance.test.ts): a new,
// empty place for a store (a data directory for SQLite, a database for PostgreSQL) and stores opened on it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Dataset } from '../../src/domain/schema.ts';
import type { AtlasStore } from '../../src/server/storage/atlas-store.ts';
import { PostgresStore } from '../../src/server/storage/pg-store.ts';
import { SqliteStore } from '../../src/server/storage/sqlite-store.ts';
import { committedDataset } from '../../src/server/testing.ts';
import { createTestDatabase, dropTestDatabase, type PostgresForTests } from './postgres-cluster.ts';

export interface OpenOptions {
  seed?: () => Promise<Dataset>;
  explicitSeed?: boolean;
}

/** Where one store's data lives; every store opened here shares it. */
export interface StorePlace {
  open(options?: OpenOptions): Promise<AtlasStore>;
  /** Puts something that is not an atlas there, as a wrong directory or database would hold. */
  clutter(): Promise<void>;
  remove(): Promise<void>;
}

export interface StoreKind {
  name: string;
  /** Why this kind cannot be tested here (and how to test it), or null. */
  absent: string | null;
  place(): Promise<StorePlace>;
}

const sqlite: StoreKind = {
  name: 'SQLite',
  absent: null,
  async place() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'atlas-store-'));
    return {
      open: (options = {}) => SqliteStore.open({ dataDir, seed: committedDataset, ...options }),
      clutter: () => writeFile(path.join(dataDir, 'notes.txt'), 'not an atlas'),
      remove: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

/** The PostgreSQL server of this test run (see postgres-global-setup.ts), or why there is none. */
export function testPostgres(): PostgresForTests | { absent: string } {
  return inject('postgres');
}

function postgres(): StoreKind {
  const server = testPostgres();
  return {
    name: 'PostgreSQL',
    absent: 'absent' in server ? server.absent : null,
    async place() {
      if ('absent' in server) throw new Error(server.absent);
      const url = await createTestDatabase(server);
      return {
        open: (options = {}) => PostgresStore.open({ url, seed: committedDataset, poolSize: 4, ...options }),
        async clutter() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query('CREATE TABLE notes (text text)');
          await client.end();
        },
        remove: () => dropTestDatabase(server, url),
      };
    },
  };
}

export function storeKinds(): StoreKind[] {
  return [sqlite, postgres()];
}
