import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../../tests/support/postgres-cluster.ts';
import { testPostgres } from '../../../tests/support/stores.ts';
import { committedDataset } from '../testing.ts';
import { StoreUnavailableError } from './atlas-store.ts';
import { PostgresStore } from './pg-store.ts';

const server = testPostgres();
const absent = 'absent' in server ? server.absent : null;

// What only the PostgreSQL store has: one database shared by several instances, PostGIS, a server that
// can go away. What every store does is in store-conformance.test.ts.
describe.skipIf(absent !== null)(
  absent ? `the PostgreSQL store (skipped: ${absent})` : 'the PostgreSQL store',
  () => {
    const urls: string[] = [];
    const stores: PostgresStore[] = [];
    const database = async () => {
      if ('absent' in server) throw new Error(server.absent);
      const url = await createTestDatabase(server);
      urls.push(url);
      return url;
    };
    const open = async (url: string) => {
      const store = await PostgresStore.open({ url, seed: committedDataset, poolSize: 4 });
      stores.push(store);
      return store;
    };
    const query = async <R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<R>(text, values)).rows;
      } finally {
        await client.end();
      }
    };

    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close().catch(() => {})));
      if ('absent' in server) return;
      await Promise.all(urls.splice(0).map((url) => dropTestDatabase(server, url)));
    });

    it('lets a second instance on the same database see the first one’s writes, and the first the second’s', async () => {
      const url = await database();
      const [a, b] = [await open(url), await open(url)];
      const before = await b.snapshot();
      await a.updateCompany(
        'fors',
        (c) => ({ ...c, properties: { ...c.properties, name: 'Fors via A' } }),
        'staff',
      );
      await vi.waitFor(async () => expect((await b.snapshot()).version).not.toBe(before.version), {
        timeout: 1000,
      });
      const seenByB = (await b.snapshot()).companies.find((c) => c.properties.id === 'fors');
      expect(seenByB?.properties.name).toBe('Fors via A');

      await a.snapshot();
      await b.updateCompany(
        'fors',
        (c) => ({ ...c, properties: { ...c.properties, notes: 'Noted via B' } }),
        'staff',
      );
      await vi.waitFor(
        async () => {
          const fors = (await a.snapshot()).companies.find((c) => c.properties.id === 'fors');
          expect(fors?.properties).toMatchObject({ name: 'Fors via A', notes: 'Noted via B' });
        },
        { timeout: 1000 },
      );
    });

    it('brings another instance’s snapshot up to date with the records changed since, as a fresh start reads them', async () => {
      const url = await database();
      const [a, b] = [await open(url), await open(url)];
      await b.snapshot();
      const fors = await a.company('fors');
      if (!fors) throw new Error('fors is in the seed');
      const { streams: _streams, ...properties } = fors.record.properties;
      await a.createCompany(
        { properties: { ...properties, id: 'aaa-new', name: 'New' }, location: { lon: 11.7, lat: 55.7 } },
        'staff',
      );
      await a.deleteStream('fors-out-plastic-scrap', 'staff');
      await a.deleteCompany('aaa-new', 'staff');
      const exchange = (await a.snapshot()).exchanges[0];
      if (!exchange) throw new Error('the seed has exchanges');
      await a.updateExchange(exchange.id, (current) => ({ ...current, notes: 'Noted on A.' }), 'staff');
      const fresh = await (await open(url)).snapshot();
      await vi.waitFor(async () => expect((await b.snapshot()).version).toBe(fresh.version), {
        timeout: 1000,
      });
      const caughtUp = await b.snapshot();
      expect(caughtUp.companies).toEqual(fresh.companies);
      expect(caughtUp.exchanges).toEqual(fresh.exchanges);
    });

    it('keeps every write when two instances write one record at once', async () => {
      const url = await database();
      const [a, b] = [await open(url), await open(url)];
      await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          (n % 2 === 0 ? a : b).createStream(
            {
              id: `fors-out-instance-${n}`,
              companyId: 'fors',
              direction: 'output',
              resourceId: 'biogas',
              status: 'active',
              startYear: null,
              endYear: null,
              quantity: { value: null, unit: 't/yr' },
              source: ['test'],
              verification: 'unverified',
              visibility: 'secretariat',
            },
            'staff',
          ),
        ),
      );
      const fors = await a.company('fors');
      expect(
        fors?.record.properties.streams.filter((s) => s.id.startsWith('fors-out-instance-')),
      ).toHaveLength(10);
      expect(fors?.version).toBe(1);
    });

    it('stores each company’s location as a PostGIS point that the database can search by distance', async () => {
      const url = await database();
      const fors = await (await open(url)).company('fors');
      const [lon, lat] = fors?.record.geometry.coordinates ?? [];
      const within = async (metres: number) =>
        (
          await query<{ id: string }>(
            url,
            `SELECT id FROM companies
             WHERE ST_DWithin(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)`,
            [lon, lat, metres],
          )
        ).map((row) => row.id);
      expect(await within(1)).toContain('fors');
      // Mariager is some 150 km from Holbæk.
      expect(await within(50_000)).not.toContain('aage-vestergaard-larsen');
      expect(await within(500_000)).toContain('aage-vestergaard-larsen');
      const [index] = await query<{ def: string }>(
        url,
        "SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'companies' AND indexdef LIKE '%gist%'",
      );
      expect(index?.def).toMatch(/USING gist \(location\)/);
    });

    it('refuses a database whose schema is newer than it knows', async () => {
      const url = await database();
      await (await open(url)).close();
      stores.splice(0);
      await query(url, 'INSERT INTO atlas_schema_migrations (version) VALUES (99)');
      await expect(open(url)).rejects.toThrow(/schema version 99, newer than this server knows/);
    });

    it('answers writes as unavailable once its database is gone, and reports itself unhealthy', async () => {
      const url = await database();
      const store = await open(url);
      expect(await store.health()).toEqual({ ok: true });
      if ('absent' in server) return;
      await dropTestDatabase(server, url);
      const write = store.updateCompany(
        'fors',
        (c) => ({ ...c, properties: { ...c.properties, name: 'Lost' } }),
        'staff',
      );
      await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.health()).toMatchObject({ ok: false });
    });
  },
);
