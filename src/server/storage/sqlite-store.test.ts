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
});
