import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { committedDataset } from '../testing.ts';
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
      { properties: { ...properties, name: 'Fors A/S' }, location: { lon: 11.71, lat: 55.72 } },
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

  it('seeds a new database once when two servers start on it at the same time', async () => {
    const dataDir = await scratchDir();
    const [a, b] = await Promise.all([
      SqliteStore.open({ dataDir, seed: committedDataset }),
      SqliteStore.open({ dataDir, seed: committedDataset }),
    ]);
    const expected = (await committedDataset()).companies.features.length;
    expect((await a.snapshot()).companies.length).toBe(expected);
    expect((await b.snapshot()).companies.length).toBe(expected);
    await a.close();
    await b.close();
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

  it('notices writes made by another process', async () => {
    const dataDir = await scratchDir();
    const store = await SqliteStore.open({ dataDir, seed: committedDataset });
    const before = await store.snapshot();
    const other = new BetterSqlite3(path.join(dataDir, 'atlas.sqlite'));
    other.prepare("UPDATE companies SET name = 'Renamed elsewhere' WHERE id = 'fors'").run();
    other.close();
    const after = await store.snapshot();
    expect(after.version).not.toBe(before.version);
    await store.close();
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
