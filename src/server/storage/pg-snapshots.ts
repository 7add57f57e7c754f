import type pg from 'pg';
import type { DatasetSnapshot } from './atlas-store.ts';
import { DATA_VERSION_CHANNEL, type DataVersionListener } from './pg-data-version.ts';
import { withPgClient } from './pg-errors.ts';
import { readAllPg, readChangedPg } from './pg-records.ts';
import { replaceById, type Touched } from './store-records.ts';

/**
 * One instance's snapshot of the PostgreSQL store, kept for as long as no newer data version is known
 * (from LISTEN, or this instance's own writes): then read again, from the records the versions since
 * changed when they are few and still noted (data_changes), else in full.
 */
export class PgSnapshots {
  private cached: DatasetSnapshot | null = null;
  /** The snapshot being read: one at a time, since each reads from the one before. */
  private reading: Promise<DatasetSnapshot> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly versions: DataVersionListener,
  ) {}

  /** The latest snapshot; `writes` is how many this instance has committed (DatasetSnapshot.writes). */
  async latest(writes: number): Promise<DatasetSnapshot> {
    if (!this.versions.listening) {
      // Notifications may be missed while the listening connection is down: ask the database itself.
      const { rows } = await withPgClient(this.pool, (db) =>
        db.query<{ version: string }>('SELECT version FROM data_version'),
      );
      this.versions.learn(Number(rows[0]?.version ?? 0));
    }
    for (;;) {
      if (this.cached && Number(this.cached.version) >= this.versions.latest) return this.cached;
      if (!this.reading) {
        // Begun after every version known now committed, so what it reads is at least as new.
        this.reading = this.read(writes).finally(() => {
          this.reading = null;
        });
        return this.reading;
      }
      // A read begun earlier may not include what this caller must see: wait for it, then look again.
      await this.reading.catch(() => {});
    }
  }

  /**
   * The records at the latest data version, in one REPEATABLE READ transaction (so version and records
   * agree): when this instance holds a snapshot only a few versions behind, just the records those versions
   * changed are read and put into it; otherwise, or once those versions' changes are no longer kept, all.
   */
  private read(writes: number): Promise<DatasetSnapshot> {
    const from = this.cached;
    return withPgClient(this.pool, async (db) => {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const { rows } = await db.query<{ version: string }>('SELECT version FROM data_version');
        const version = Number(rows[0]?.version ?? 0);
        const snapshot = (from && (await this.caughtUp(db, from, version, writes))) ?? {
          version: String(version),
          writes,
          ...(await readAllPg(db)),
        };
        await db.query('COMMIT');
        this.versions.learn(version);
        if (!this.cached || version >= Number(this.cached.version)) this.cached = snapshot;
        return snapshot;
      } catch (error) {
        await db.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  /** `from` brought to `version` by the records changed since, or null when those changes are not all kept. */
  private async caughtUp(
    db: pg.PoolClient,
    from: DatasetSnapshot,
    version: number,
    writes: number,
  ): Promise<DatasetSnapshot | null> {
    const since = Number(from.version);
    if (version < since) return null;
    const { rows } = await db.query<{ companies: string[]; exchanges: string[] }>(
      'SELECT companies, exchanges FROM data_changes WHERE version > $1 AND version <= $2',
      [since, version],
    );
    if (rows.length !== version - since) return null;
    const companyIds = [...new Set(rows.flatMap((row) => row.companies))];
    const exchangeIds = [...new Set(rows.flatMap((row) => row.exchanges))];
    const changed = await readChangedPg(db, companyIds, exchangeIds);
    return {
      ...from,
      version: String(version),
      writes,
      companies: replaceById(
        from.companies,
        companyIds,
        (id) => changed.companies.get(id) ?? null,
        (feature) => feature.properties.id,
      ),
      exchanges: replaceById(
        from.exchanges,
        exchangeIds,
        (id) => changed.exchanges.get(id) ?? null,
        (exchange) => exchange.id,
      ),
    };
  }
}

/** Data versions whose changes are kept for instances catching up; one further behind reads everything. */
const KEPT_CHANGES = 1000;

/** What the write at `version` touched, and its NOTIFY; older changes are let go now and then. */
export async function noteChange(db: pg.PoolClient, version: number, touched: Touched): Promise<void> {
  await db.query('INSERT INTO data_changes (version, companies, exchanges) VALUES ($1, $2, $3)', [
    version,
    [...new Set(touched.companies)],
    [...new Set(touched.exchanges)],
  ]);
  if (version % 100 === 0) {
    await db.query('DELETE FROM data_changes WHERE version <= $1', [version - KEPT_CHANGES]);
  }
  await db.query('SELECT pg_notify($1, $2)', [DATA_VERSION_CHANNEL, String(version)]);
}
