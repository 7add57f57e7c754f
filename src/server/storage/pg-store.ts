import pg from 'pg';
import type { CompanyFeature, Exchange, Resource, StreamRecord } from '../../domain/schema.ts';
import {
  type Actor,
  type AtlasStore,
  type AuditEntry,
  type AuditQuery,
  type Change,
  type CompanyWrite,
  type DatasetSnapshot,
  type ExpectedVersions,
  type NewPartnerToken,
  type PartnerToken,
  StoreConflictError,
  type StoreHealth,
  StoreNotFoundError,
  type StoreSeeding,
  StoreUnavailableError,
  type Versioned,
  type WorkDoc,
  type WorkKind,
  type WorkRecord,
} from './atlas-store.ts';
import { auditDiff } from './audit-diff.ts';
import { DataDirError } from './data-dir.ts';
import { DataVersionListener } from './pg-data-version.ts';
import { pgCode, pgErrorOf, withPgClient } from './pg-errors.ts';
import { lockAndReadVersion, migratePg } from './pg-migrations.ts';
import {
  companyFeaturePg,
  exchangeRecordPg,
  insertCompanyPg,
  insertExchangePg,
  insertStreamPg,
  type PgAuditRow,
  pgAuditEntryOf,
  readResourcesPg,
  seedPg,
  streamRecordPg,
  updateCompanyPg,
  updateExchangePg,
} from './pg-records.ts';
import { noteChange, PgSnapshots } from './pg-snapshots.ts';
import {
  insertWorkRecordPg,
  selectWorkRecordPg,
  selectWorkRecordsPg,
  updateWorkRecordDocPg,
} from './pg-work-records.ts';
import {
  auditRowValues,
  checkExpected,
  companyDoc,
  type PartnerTokenRow,
  partnerTokenColumns,
  partnerTokenOf,
  type Touched,
  writeOf,
} from './store-records.ts';
import { MAX_WAITING_WRITES } from './write-turns.ts';

type Entity = AuditEntry['entity'];

export interface PostgresStoreOptions extends StoreSeeding {
  /** DATABASE_URL: postgres://user:password@host:port/database (or any connection string `pg` takes). A database holding other tables is not seeded. */
  url: string;
  /** Connections this instance keeps to the database. */
  poolSize?: number;
}

const DEFAULT_POOL_SIZE = 10;

type Work<T> = (db: pg.PoolClient, touch: (records: Partial<Touched>) => void) => Promise<T>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The atlas in PostgreSQL with PostGIS, for several API instances on one database. Each instance keeps its
 * own snapshot (and the service its views, bodies and indexes made from it) for as long as the data version
 * it was read at is the latest: every write bumps the version in its transaction and NOTIFYs it, so every
 * instance learns of every other's writes through LISTEN (see DataVersionListener) and reads again.
 */
export class PostgresStore implements AtlasStore {
  private readonly snapshots: PgSnapshots;
  /** The end of the queue of this instance's writes (see inTurn). */
  private lastWrite: Promise<void> = Promise.resolve();
  private localWrites = 0;
  private waitingWrites = 0;
  /** The last fault of a write that someone must fix (a full disk, a read-only database), until one succeeds. */
  private fault: string | null = null;
  private resourceList: Resource[] | null = null;
  private readonly now: () => Date;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly versions: DataVersionListener,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
    this.snapshots = new PgSnapshots(pool, versions);
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const config: pg.PoolConfig = {
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      application_name: 'symbiosis-atlas',
      connectionTimeoutMillis: 5_000,
      // The equivalents of SQLite's busy timeout: a write waits this long for the write lock, then 503.
      lock_timeout: 5_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 30_000,
    };
    const pool = new pg.Pool(config);
    // An idle connection the server dropped (a restart, a failover): the next query opens a new one.
    pool.on('error', () => {});
    const versions = new DataVersionListener(config);
    try {
      await migrateAndSeed(pool, options);
      await versions.start();
      return new PostgresStore(pool, versions, options.now);
    } catch (error) {
      await versions.close();
      await pool.end().catch(() => {});
      // The server's or the connection's errors say what to fix about DATABASE_URL; others (a bad seed) stand.
      if (pgCode(error) === null) throw error;
      throw new DataDirError(`Cannot open the database of DATABASE_URL: ${messageOf(error)}`);
    }
  }

  private withClient<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    return withPgClient(this.pool, work);
  }

  snapshot(): Promise<DatasetSnapshot> {
    return this.snapshots.latest(this.localWrites);
  }

  async resources(): Promise<Resource[]> {
    // Seeded once and never written through the API.
    this.resourceList ??= await this.withClient(readResourcesPg);
    return this.resourceList;
  }

  private async audit(
    db: pg.PoolClient,
    actor: Actor,
    action: AuditEntry['action'],
    entity: Entity,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    const values = auditRowValues(this.now().toISOString(), actor, action, entity, id, before, after);
    if (!values) return;
    await db.query(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      values,
    );
  }

  /**
   * One write = one transaction that first takes the data version's row: the write lock of every instance,
   * as SQLite's IMMEDIATE transaction is of one process. The change is computed from the record as it is
   * once the lock is held, so two writers of different fields of one record both keep theirs, and no two
   * writes can deadlock. The records it touched are noted under the new version (for instances to catch up
   * by), and the version is NOTIFYed inside the transaction, so it is heard on commit only. Writes outside
   * the dataset (partner tokens) neither take the lock nor change the version.
   */
  private async write<T>(work: Work<T>, changesData = true): Promise<T> {
    if (this.waitingWrites >= MAX_WAITING_WRITES) {
      throw new StoreUnavailableError('Too many changes are waiting to be saved; try again in a moment', 1);
    }
    this.waitingWrites++;
    try {
      return await this.inTurn(() => this.writeNow(work, changesData));
    } finally {
      this.waitingWrites--;
    }
  }

  /**
   * This instance's writes one at a time: they would queue for the write lock anyway, and each waiting in
   * the database holds a connection of the pool, which 20 writers would take from every reader.
   */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.lastWrite;
    let done = () => {};
    this.lastWrite = new Promise<void>((resolve) => {
      done = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      done();
    }
  }

  private async writeNow<T>(work: Work<T>, changesData: boolean): Promise<T> {
    const touched: Touched = { companies: [], exchanges: [] };
    try {
      const { result, version } = await this.withClient(async (db) => {
        await db.query('BEGIN');
        try {
          let version = 0;
          if (changesData) {
            const { rows } = await db.query<{ version: string }>(
              'UPDATE data_version SET version = version + 1 RETURNING version',
            );
            version = Number(rows[0]?.version);
          }
          const result = await work(db, (records) => {
            touched.companies.push(...(records.companies ?? []));
            touched.exchanges.push(...(records.exchanges ?? []));
          });
          if (changesData) await noteChange(db, version, touched);
          await db.query('COMMIT');
          return { result, version };
        } catch (error) {
          await db.query('ROLLBACK').catch(() => {});
          throw error;
        }
      });
      this.fault = null;
      if (changesData) {
        this.localWrites++;
        this.versions.learn(version);
      }
      return result;
    } catch (error) {
      if (error instanceof StoreUnavailableError && error.retryAfterS === null) this.fault = error.message;
      throw error;
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      const { rows } = await this.pool.query<{ writable: boolean }>(
        "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable",
      );
      if (!rows[0]?.writable) return { ok: false, reason: 'the database is read-only' };
    } catch (error) {
      return { ok: false, reason: messageOf(pgErrorOf(error)) };
    }
    return this.fault ? { ok: false, reason: `the last write failed: ${this.fault}` } : { ok: true };
  }

  company(id: string): Promise<Versioned<CompanyFeature> | null> {
    return this.withClient((db) => companyFeaturePg(db, id));
  }

  stream(id: string): Promise<Versioned<StreamRecord> | null> {
    return this.withClient((db) => streamRecordPg(db, id));
  }

  exchange(id: string): Promise<Versioned<Exchange> | null> {
    return this.withClient((db) => exchangeRecordPg(db, id));
  }

  async createCompany(company: CompanyWrite, actor: Actor): Promise<Versioned<CompanyFeature>> {
    return this.write(async (db, touch) => {
      touch({ companies: [company.properties.id] });
      await insertCompanyPg(db, company);
      await this.audit(db, actor, 'create', 'company', company.properties.id, null, companyDoc(company));
      return (await companyFeaturePg(db, company.properties.id)) as Versioned<CompanyFeature>;
    });
  }

  async updateCompany(
    id: string,
    change: Change<CompanyWrite>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<CompanyFeature>> {
    return this.write(async (db, touch) => {
      const current = await companyFeaturePg(db, id);
      if (!current) throw new StoreNotFoundError(`no company ${id}`);
      touch({ companies: [id] });
      checkExpected(expected, current.version);
      const before = writeOf(current.record);
      const company = change(before);
      if (company.properties.id !== id) throw new StoreConflictError('a company id cannot be changed');
      if (!auditDiff(companyDoc(before), companyDoc(company))) return current;
      await updateCompanyPg(db, company);
      await this.audit(db, actor, 'update', 'company', id, companyDoc(before), companyDoc(company));
      return (await companyFeaturePg(db, id)) as Versioned<CompanyFeature>;
    });
  }

  async deleteCompany(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void> {
    await this.write(async (db, touch) => {
      const current = await companyFeaturePg(db, id);
      if (!current) throw new StoreNotFoundError(`no company ${id}`);
      touch({ companies: [id] });
      checkExpected(expected, current.version);
      const { rows } = await db.query<{ n: number }>(
        'SELECT COUNT(*)::integer AS n FROM exchanges WHERE from_id = $1 OR to_id = $1',
        [id],
      );
      const linked = rows[0]?.n ?? 0;
      if (linked > 0) {
        throw new StoreConflictError(
          `${current.record.properties.name} takes part in ${linked} exchange(s); mark them rejected or historic instead of deleting the company`,
        );
      }
      await db.query('DELETE FROM companies WHERE id = $1', [id]);
      // The streams go with the company, so the entry keeps them: it is all that is left of them.
      const before = { ...companyDoc(writeOf(current.record)), streams: current.record.properties.streams };
      await this.audit(db, actor, 'delete', 'company', id, before, null);
    });
  }

  async createStream(stream: StreamRecord, actor: Actor): Promise<Versioned<StreamRecord>> {
    return this.write(async (db, touch) => {
      touch({ companies: [stream.companyId] });
      const found = await db.query('SELECT 1 FROM companies WHERE id = $1', [stream.companyId]);
      if (found.rowCount === 0) throw new StoreNotFoundError(`no company ${stream.companyId}`);
      await insertStreamPg(db, stream);
      await this.audit(db, actor, 'create', 'stream', stream.id, null, stream);
      return { record: stream, version: 1 };
    });
  }

  async updateStream(
    id: string,
    change: Change<StreamRecord>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<StreamRecord>> {
    return this.write(async (db, touch) => {
      const current = await streamRecordPg(db, id);
      if (!current) throw new StoreNotFoundError(`no stream ${id}`);
      touch({ companies: [current.record.companyId] });
      checkExpected(expected, current.version);
      const stream = change(current.record);
      if (stream.id !== id) throw new StoreConflictError('a stream id cannot be changed');
      if (current.record.companyId !== stream.companyId)
        throw new StoreConflictError('a stream cannot move to another company');
      if (!auditDiff(current.record, stream)) return current;
      const { companyId: _companyId, ...doc } = stream;
      await db.query(
        `UPDATE streams SET direction = $2, resource_id = $3, visibility = $4, doc = $5, version = version + 1
         WHERE id = $1`,
        [id, stream.direction, stream.resourceId, stream.visibility, JSON.stringify(doc)],
      );
      await this.audit(db, actor, 'update', 'stream', id, current.record, stream);
      return { record: stream, version: current.version + 1 };
    });
  }

  async deleteStream(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void> {
    await this.write(async (db, touch) => {
      const current = await streamRecordPg(db, id);
      if (!current) throw new StoreNotFoundError(`no stream ${id}`);
      touch({ companies: [current.record.companyId] });
      checkExpected(expected, current.version);
      await db.query('DELETE FROM streams WHERE id = $1', [id]);
      await this.audit(db, actor, 'delete', 'stream', id, current.record, null);
    });
  }

  async createExchange(exchange: Exchange, actor: Actor): Promise<Versioned<Exchange>> {
    return this.write(async (db, touch) => {
      touch({ exchanges: [exchange.id] });
      await insertExchangePg(db, exchange);
      await this.audit(db, actor, 'create', 'exchange', exchange.id, null, exchange);
      return { record: exchange, version: 1 };
    });
  }

  async updateExchange(
    id: string,
    change: Change<Exchange>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<Exchange>> {
    return this.write(async (db, touch) => {
      const current = await exchangeRecordPg(db, id);
      if (!current) throw new StoreNotFoundError(`no exchange ${id}`);
      touch({ exchanges: [id] });
      checkExpected(expected, current.version);
      const exchange = change(current.record);
      if (exchange.id !== id) throw new StoreConflictError('an exchange id cannot be changed');
      if (!auditDiff(current.record, exchange)) return current;
      await updateExchangePg(db, exchange);
      await this.audit(db, actor, 'update', 'exchange', id, current.record, exchange);
      return { record: exchange, version: current.version + 1 };
    });
  }

  async auditLog({ limit, entityId, before }: AuditQuery): Promise<AuditEntry[]> {
    const { rows } = await this.withClient((db) =>
      db.query<PgAuditRow>(
        `SELECT * FROM audit_log WHERE ($1::text IS NULL OR entity_id = $1) AND id < $2::bigint
         ORDER BY id DESC LIMIT $3`,
        [entityId ?? null, before ?? Number.MAX_SAFE_INTEGER, limit],
      ),
    );
    return rows.map(pgAuditEntryOf);
  }

  workRecords(kind: WorkKind): Promise<Versioned<WorkRecord>[]> {
    return this.withClient((db) => selectWorkRecordsPg(db, kind));
  }

  workRecord(kind: WorkKind, id: string): Promise<Versioned<WorkRecord> | null> {
    return this.withClient((db) => selectWorkRecordPg(db, kind, id));
  }

  async createWorkRecord(
    kind: WorkKind,
    id: string,
    doc: WorkDoc,
    actor: Actor,
  ): Promise<Versioned<WorkRecord>> {
    return this.write(async (db) => {
      if (await selectWorkRecordPg(db, kind, id))
        throw new StoreConflictError(`there is a ${kind} ${id} already`);
      await insertWorkRecordPg(db, kind, id, doc, this.now().toISOString());
      await this.audit(db, actor, 'create', kind, id, null, doc);
      return (await selectWorkRecordPg(db, kind, id)) as Versioned<WorkRecord>;
    }, false);
  }

  async updateWorkRecord(
    kind: WorkKind,
    id: string,
    change: Change<WorkDoc>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<WorkRecord>> {
    return this.write(async (db) => {
      const current = await selectWorkRecordPg(db, kind, id, true);
      if (!current) throw new StoreNotFoundError(`no ${kind} ${id}`);
      checkExpected(expected, current.version);
      const doc = change(current.record.doc);
      if (!auditDiff(current.record.doc, doc)) return current;
      await updateWorkRecordDocPg(db, kind, id, doc, this.now().toISOString());
      await this.audit(db, actor, 'update', kind, id, current.record.doc, doc);
      return (await selectWorkRecordPg(db, kind, id)) as Versioned<WorkRecord>;
    }, false);
  }

  private async partnerToken(db: pg.PoolClient, where: string, value: string): Promise<PartnerToken | null> {
    const { rows } = await db.query<PartnerTokenRow>(
      `SELECT ${partnerTokenColumns} FROM partner_tokens WHERE ${where} = $1`,
      [value],
    );
    return rows[0] ? partnerTokenOf(rows[0]) : null;
  }

  async createPartnerToken(token: NewPartnerToken, actor: Actor): Promise<PartnerToken> {
    return this.write(async (db) => {
      const found = await db.query('SELECT 1 FROM companies WHERE id = $1', [token.companyId]);
      if (found.rowCount === 0) throw new StoreNotFoundError(`no company ${token.companyId}`);
      await db.query(
        `INSERT INTO partner_tokens (id, company_id, token_hash, label, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [token.id, token.companyId, token.tokenHash, token.label, this.now().toISOString(), actor],
      );
      const created = (await this.partnerToken(db, 'id', token.id)) as PartnerToken;
      await this.audit(db, actor, 'create', 'partner-token', token.id, null, created);
      return created;
    }, false);
  }

  async listPartnerTokens(): Promise<PartnerToken[]> {
    const { rows } = await this.withClient((db) =>
      db.query<PartnerTokenRow>(
        `SELECT ${partnerTokenColumns} FROM partner_tokens ORDER BY created_at, id COLLATE "C"`,
      ),
    );
    return rows.map(partnerTokenOf);
  }

  findPartnerToken(tokenHash: string): Promise<PartnerToken | null> {
    return this.withClient((db) => this.partnerToken(db, 'token_hash', tokenHash));
  }

  async deletePartnerToken(id: string, actor: Actor): Promise<void> {
    await this.write(async (db) => {
      const before = await this.partnerToken(db, 'id', id);
      if (!before) throw new StoreNotFoundError(`no partner token ${id}`);
      await db.query('DELETE FROM partner_tokens WHERE id = $1', [id]);
      await this.audit(db, actor, 'delete', 'partner-token', id, before, null);
    }, false);
  }

  async close(): Promise<void> {
    await this.versions.close();
    await this.pool.end();
  }
}

/** Schema and seed in one transaction, under the migration lock: a failed first start leaves nothing. */
async function migrateAndSeed(pool: pg.Pool, options: PostgresStoreOptions): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Another instance may be seeding a large region: wait for it rather than fail after the write timeout.
    await client.query("SET LOCAL lock_timeout = '120s'");
    await client.query("SET LOCAL statement_timeout = '300s'");
    const from = await lockAndReadVersion(client, options.explicitSeed ?? false);
    const seedData = from === 0 ? await options.seed() : null;
    await migratePg(client, from);
    if (seedData) await seedPg(client, seedData);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
