import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAcknowledged } from '../support/acknowledged-post.ts';
import { createTestDatabase, dropTestDatabase } from '../support/postgres-cluster.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { testPostgres } from '../support/stores.ts';

const staffToken = 'instances-test-staff-token-0123456789';
const staff = { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' };

const postgres = testPostgres();
const absent = 'absent' in postgres ? postgres.absent : null;

const company = (name: string) => ({
  name,
  location: { lon: 11.7, lat: 55.71 },
  municipality: '0316',
  description: { da: 'En virksomhed.', en: 'A company.' },
});

const newStream = (n: number) => ({
  direction: 'output',
  resourceId: 'biogas',
  availability: { da: `Nummer ${n}.`, en: `Number ${n}.` },
});

async function call(server: RunningServer, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.origin}${url}`, {
    method,
    headers: staff,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as Record<string, unknown>,
  };
}

const namesOf = (body: Record<string, unknown>) =>
  (body.features as { properties: { name: string } }[]).map((feature) => feature.properties.name);

// Two server processes on one PostgreSQL database, as behind a load balancer: each keeps its own caches,
// and learns of the other's writes through the database.
describe.skipIf(absent !== null)(
  absent
    ? `two instances on one PostgreSQL database (skipped: ${absent})`
    : 'two instances on one PostgreSQL database',
  () => {
    let url: string;
    let a: RunningServer;
    let b: RunningServer;

    beforeAll(async () => {
      if ('absent' in postgres) return;
      url = await createTestDatabase(postgres);
      const env = { ATLAS_STAFF_TOKEN: staffToken, DATABASE_URL: url };
      // One after the other: the first creates and seeds the database, the second finds it ready.
      a = await startServer(env);
      b = await startServer(env);
    });

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      if (!('absent' in postgres) && url) await dropTestDatabase(postgres, url);
    });

    it('keeps all of 50 concurrent writes split between the two, and each shows the other’s within a second', async () => {
      // Each instance reads first, so that both hold views made before the writes.
      expect((await call(a, 'GET', '/api/companies?q=split')).status).toBe(200);
      expect((await call(b, 'GET', '/api/companies?q=split')).status).toBe(200);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          call(n % 2 === 0 ? a : b, 'POST', '/api/companies', company(`Split Company ${n}`)),
        ),
      );
      expect(results.map((result) => result.status)).toEqual(Array(50).fill(201));
      const all = Array.from({ length: 50 }, (_, n) => `Split Company ${n}`).sort();
      for (const server of [a, b]) {
        await vi.waitFor(
          async () =>
            expect(namesOf((await call(server, 'GET', '/api/companies?q=split')).body).sort()).toEqual(all),
          { timeout: 1000, interval: 50 },
        );
      }
    });

    it('shows a change made on one instance in the other’s next read of the record and of the lists', async () => {
      await call(a, 'GET', '/api/companies?q=fors');
      await call(b, 'GET', '/api/companies?q=fors');
      const renamed = await call(a, 'PATCH', '/api/companies/fors', { name: 'Fors renamed on A' });
      expect(renamed.status).toBe(200);
      // Right after 50 writes this is a burst, when views may lag behind: by at most a second.
      await vi.waitFor(
        async () => {
          const detail = await call(b, 'GET', '/api/companies/fors');
          expect((detail.body.company as { properties: { name: string } }).properties.name).toBe(
            'Fors renamed on A',
          );
        },
        { timeout: 1000, interval: 50 },
      );
      await vi.waitFor(
        async () =>
          expect(namesOf((await call(b, 'GET', '/api/companies?q=renamed%20on%20a')).body)).toEqual([
            'Fors renamed on A',
          ]),
        { timeout: 1000, interval: 50 },
      );
    });

    it('loses no acknowledged write when one instance is killed with SIGKILL in the middle of writing', async () => {
      const acknowledged: string[] = [];
      let stopWriting = false;
      const writer = async (offset: number) => {
        for (let n = offset; !stopWriting; n += 8) {
          const id = await createAcknowledged(a.origin, '/api/companies/fors/streams', staff, newStream(n));
          if (id) acknowledged.push(id);
        }
      };
      const writers = Array.from({ length: 8 }, (_, i) => writer(i));
      while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 5));
      process.kill(a.pid ?? 0, 'SIGKILL');
      stopWriting = true;
      await Promise.all(writers);
      for (const id of acknowledged) {
        expect((await call(b, 'GET', `/api/streams/${id}`)).status, id).toBe(200);
      }
      // The survivor keeps taking writes, and a restarted instance finds them all.
      expect((await call(b, 'POST', '/api/companies/fors/streams', newStream(1000))).status).toBe(201);
      await a.stop();
      a = await startServer({ ATLAS_STAFF_TOKEN: staffToken, DATABASE_URL: url });
      const fors = await call(a, 'GET', '/api/companies/fors');
      const streams = (fors.body.company as { properties: { streams: { id: string }[] } }).properties.streams;
      expect(streams.map((stream) => stream.id)).toEqual(expect.arrayContaining(acknowledged));
    });
  },
);
