import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { committedDataset } from '../testing.ts';
import { StoreUnavailableError } from './atlas-store.ts';
import { SqliteStore } from './sqlite-store.ts';

const scratchDir = () => mkdtemp(path.join(tmpdir(), 'atlas-store-'));

describe('the SQLite store', () => {
  it('creates and seeds the database on first start, and keeps staff changes on later starts', async () => {
    const dataDir = await scratchDir();
    let seeds = 0;
    const seed = () => {
      seeds++;
      return committedDataset();
    };
    const first = await SqliteStore.open({ dataDir, seed });
    const seeded = await first.snapshot();
    expect(seeded.companies.length).toBe((await committedDataset()).companies.features.length);
    const fors = seeded.companies.find((c) => c.properties.id === 'fors');
    if (!fors) throw new Error('fors is in the seed');
    const { streams: _streams, ...properties } = fors.properties;
    await first.updateCompany(
      'fors',
      () => ({ properties: { ...properties, name: 'Fors A/S' }, location: { lon: 11.71, lat: 55.72 } }),
      'staff',
    );
    await first.close();

    expect(existsSync(path.join(dataDir, 'atlas.sqlite'))).toBe(true);
    const second = await SqliteStore.open({ dataDir, seed });
    const reopened = await second.snapshot();
    expect(seeds).toBe(1);
    expect(reopened.companies.find((c) => c.properties.id === 'fors')?.properties.name).toBe('Fors A/S');
    await second.close();
  });

  it('refuses a data directory another store holds, and says which process holds it', async () => {
    const dataDir = await scratchDir();
    const first = await SqliteStore.open({ dataDir, seed: committedDataset });
    await expect(SqliteStore.open({ dataDir, seed: committedDataset })).rejects.toThrow(
      /in use by this process/,
    );
    await first.close();
    const again = await SqliteStore.open({ dataDir, seed: committedDataset });
    await again.close();
  });

  it('takes over the lock of a server that died without releasing it', async () => {
    const dataDir = await scratchDir();
    await (await SqliteStore.open({ dataDir, seed: committedDataset })).close();
    // A pid that cannot be running: what kill -9 leaves behind, as far as the lock file goes.
    await writeFile(path.join(dataDir, 'atlas.lock'), '2147483646\n');
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    expect((await store.snapshot()).companies.length).toBeGreaterThan(0);
    await store.close();
  });

  it('runs in WAL mode with foreign keys enforced', async () => {
    const dataDir = await scratchDir();
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    await store.close();
    const db = new BetterSqlite3(path.join(dataDir, 'atlas.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('leaves a new database untouched when the seed fails, so the next start can try again', async () => {
    const dataDir = await scratchDir();
    await expect(
      SqliteStore.open({
        dataDir,
        seed: async () => {
          throw new Error('seed data is broken');
        },
      }),
    ).rejects.toThrow('seed data is broken');
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    expect((await store.snapshot()).companies.length).toBeGreaterThan(0);
    await store.close();
  });

  it('keeps other processes from writing to its database while it is open', async () => {
    const dataDir = await scratchDir();
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    const other = new BetterSqlite3(path.join(dataDir, 'atlas.sqlite'), { timeout: 100 });
    expect(() =>
      other.prepare("UPDATE companies SET name = 'Renamed elsewhere' WHERE id = 'fors'").run(),
    ).toThrow(/locked|busy/i);
    other.close();
    expect((await store.company('fors'))?.record.properties.name).not.toBe('Renamed elsewhere');
    await store.close();
  });

  it('never seeds over a database that has gone missing, but seeds when asked to', async () => {
    const dataDir = await scratchDir();
    await (await SqliteStore.open({ dataDir, seed: committedDataset })).close();
    await rm(path.join(dataDir, 'atlas.sqlite'));
    let seeds = 0;
    const seed = () => {
      seeds++;
      return committedDataset();
    };
    await expect(SqliteStore.open({ dataDir, seed })).rejects.toThrow(
      /atlas\.sqlite is missing.*ATLAS_SEED=1/s,
    );
    expect(seeds).toBe(0);
    expect(existsSync(path.join(dataDir, 'atlas.sqlite'))).toBe(false);
    const reseeded = await SqliteStore.open({ dataDir, seed, explicitSeed: true });
    expect(seeds).toBe(1);
    await reseeded.close();
  });

  it('refuses a damaged database file and says why', async () => {
    const dataDir = await scratchDir();
    await writeFile(path.join(dataDir, 'atlas.sqlite'), 'not a database, just some text '.repeat(200));
    await expect(SqliteStore.open({ dataDir, seed: committedDataset })).rejects.toThrow(
      /not a readable database.*backup/,
    );
  });

  it('stops taking writes once its database file is deleted, and reports itself unavailable', async () => {
    const dataDir = await scratchDir();
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    expect(await store.health()).toEqual({ ok: true });
    await rm(path.join(dataDir, 'atlas.sqlite'));
    await expect(
      store.updateCompany(
        'fors',
        (fors) => ({ ...fors, properties: { ...fors.properties, name: 'Lost' } }),
        'staff',
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/deleted/) });
    await store.close();
  });

  it('answers a write beyond its size cap as unavailable, and takes writes again once there is room', async () => {
    const dataDir = await scratchDir();
    await (await SqliteStore.open({ dataDir, seed: committedDataset })).close();
    const { size } = await stat(path.join(dataDir, 'atlas.sqlite'));
    const store = await SqliteStore.open({ dataDir, seed: committedDataset, maxBytes: size + 16_384 });
    const note = (n: number) =>
      Array.from({ length: 20 }, (_, i) =>
        `A citation long enough to take room, number ${n}.${i} `.repeat(20),
      );
    let full: unknown = null;
    for (let n = 0; n < 60 && full === null; n++) {
      await store
        .updateCompany(
          'fors',
          (fors) => ({ ...fors, properties: { ...fors.properties, source: note(n) } }),
          'staff',
        )
        .catch((error: unknown) => {
          full = error;
        });
    }
    expect(full).toBeInstanceOf(StoreUnavailableError);
    expect((full as Error).message).toMatch(/full/);
    expect(await store.health()).toMatchObject({ ok: false });
    await store.close();
    const roomier = await SqliteStore.open({ dataDir, seed: committedDataset, maxBytes: size * 4 });
    await roomier.updateCompany(
      'fors',
      (fors) => ({ ...fors, properties: { ...fors.properties, name: 'Fors A/S' } }),
      'staff',
    );
    expect(await roomier.health()).toEqual({ ok: true });
    await roomier.close();
  });

  it('keeps its snapshot current through its own writes, as a fresh start would read it', async () => {
    const dataDir = await scratchDir();
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    await store.snapshot();
    const fors = await store.company('fors');
    if (!fors) throw new Error('fors is in the seed');
    const { streams: _streams, ...properties } = fors.record.properties;
    await store.createCompany(
      {
        properties: { ...properties, id: 'aaa-first-by-id', name: 'First' },
        location: { lon: 11.7, lat: 55.7 },
      },
      'staff',
    );
    await store.updateCompany(
      'fors',
      (company) => ({ ...company, properties: { ...company.properties, name: 'F' } }),
      'staff',
    );
    await store.updateStream(
      'fors-in-surplus-heat',
      (stream) => ({ ...stream, status: 'historic' }),
      'staff',
    );
    await store.deleteStream('fors-out-plastic-scrap', 'staff');
    await store.deleteCompany('aaa-first-by-id', 'staff');
    const exchange = (await store.snapshot()).exchanges[0];
    if (!exchange) throw new Error('the seed has exchanges');
    await store.updateExchange(exchange.id, (current) => ({ ...current, notes: 'Noted.' }), 'staff');
    const kept = await store.snapshot();
    await store.close();
    const reopened = await SqliteStore.open({ dataDir, seed: committedDataset });
    const read = await reopened.snapshot();
    expect(kept.companies).toEqual(read.companies);
    expect(kept.exchanges).toEqual(read.exchanges);
    await reopened.close();
  });

  it('refuses a stream for a resource that does not exist, and writes nothing', async () => {
    const store = await SqliteStore.open({ dataDir: ':memory:', seed: committedDataset });
    const before = await store.snapshot();
    await expect(
      store.createStream(
        {
          id: 'fors-out-unobtainium',
          companyId: 'fors',
          direction: 'output',
          resourceId: 'unobtainium',
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
    ).rejects.toThrow(/does not exist/);
    expect((await store.snapshot()).version).toBe(before.version);
    expect(await store.auditLog({ limit: 10 })).toEqual([]);
    await store.close();
  });
});
