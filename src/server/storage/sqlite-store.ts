import path from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  type CompanyFeature,
  type Exchange,
  type Resource,
  ResourceSchema,
  type StreamRecord,
} from '../../domain/schema.ts';
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
  streamOf,
  type Versioned,
  type WorkDoc,
  type WorkKind,
  type WorkRecord,
} from './atlas-store.ts';
import { auditDiff } from './audit-diff.ts';
import { checkSeedable, DATABASE_FILE, ensureDataDir, lockDataDir, markSeeded } from './data-dir.ts';
import { migrate } from './migrations.ts';
import { isStorageFault, sqliteCode, storeErrorOf } from './sqlite-errors.ts';
import { type FileIdentity, fileIdentity, openDatabase } from './sqlite-open.ts';
import { insertPartnerToken, selectPartnerToken, selectPartnerTokens } from './sqlite-partner-tokens.ts';
import {
  type AuditRow,
  auditEntryOf,
  companyFeature,
  type DocRow,
  exchangeColumnValues,
  exchangeRecord,
  insertAuditRow,
  insertCompany,
  insertExchange,
  insertStream,
  readAll,
  seedDatabase,
  streamRecord,
} from './sqlite-records.ts';
import {
  insertWorkRecord,
  selectWorkRecord,
  selectWorkRecords,
  updateWorkRecordDoc,
} from './sqlite-work-records.ts';
import {
  auditRowValues,
  checkExpected,
  companyDoc,
  replaceById,
  type Touched,
  writeOf,
} from './store-records.ts';
import { MAX_WAITING_WRITES, WriteTurns } from './write-turns.ts';

type Entity = AuditEntry['entity'];

export interface SqliteStoreOptions extends StoreSeeding {
  /** Directory for atlas.sqlite; ':memory:' keeps everything in memory (tests). A directory not empty is not seeded. */
  dataDir: string;
  /** A cap on the database's size (ATLAS_MAX_DB_MB): writes beyond it answer 503, like a full disk. */
  maxBytes?: number;
}

export class SqliteStore implements AtlasStore {
  private cached: DatasetSnapshot | null = null;
  private localWrites = 0;
  private readonly now: () => Date;
  /** The last storage fault of a write, until a write succeeds again: health reports it. */
  private fault: string | null = null;
  private touched: Touched = { companies: [], exchanges: [] };
  private readonly turns = new WriteTurns(MAX_WAITING_WRITES);
  private resourceList: Resource[] | null = null;

  private constructor(
    private readonly db: Database,
    /** The database file and the inode it had when opened; null in memory. */
    private readonly file: { path: string; identity: FileIdentity | null } | null,
    private readonly release: () => void,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    if (options.dataDir === ':memory:') {
      const store = new SqliteStore(openDatabase(':memory:', options.maxBytes), null, () => {}, options.now);
      await store.migrateAndSeed(options);
      return store;
    }
    ensureDataDir(options.dataDir);
    const release = lockDataDir(options.dataDir);
    let db: Database | null = null;
    try {
      checkSeedable(options.dataDir, options.explicitSeed ?? false);
      const file = path.join(options.dataDir, DATABASE_FILE);
      db = openDatabase(file, options.maxBytes);
      const store = new SqliteStore(db, { path: file, identity: fileIdentity(file) }, release, options.now);
      await store.migrateAndSeed(options);
      markSeeded(options.dataDir, store.now());
      return store;
    } catch (error) {
      db?.close();
      release();
      throw error;
    }
  }

  private async migrateAndSeed(options: SqliteStoreOptions): Promise<void> {
    const db = this.db;
    const seedData = db.pragma('user_version', { simple: true }) === 0 ? await options.seed() : null;
    // Schema and seed commit together: a failed first start leaves a new database to try again with.
    db.transaction(() => {
      const stillNew = db.pragma('user_version', { simple: true }) === 0;
      migrate(db);
      if (seedData && stillNew) seedDatabase(this.db, seedData);
    }).immediate();
  }

  /** The first start's data: the committed geodata/ dataset. */
  private version(): string {
    return `${this.db.pragma('data_version', { simple: true })}.${this.localWrites}`;
  }

  async snapshot(): Promise<DatasetSnapshot> {
    try {
      const version = this.version();
      if (this.cached?.version === version) return this.cached;
      const all = this.db.transaction(() => readAll(this.db, version))();
      this.cached = { ...all, writes: this.localWrites };
      return this.cached;
    } catch (error) {
      throw storeErrorOf(error);
    }
  }

  async resources(): Promise<Resource[]> {
    // Seeded once and never written through the API.
    this.resourceList ??= this.db
      .prepare<[], DocRow>('SELECT doc FROM resources ORDER BY position')
      .all()
      .map((row): Resource => ResourceSchema.parse(JSON.parse(row.doc)));
    return this.resourceList;
  }

  private audit(
    actor: Actor,
    action: AuditEntry['action'],
    entity: Entity,
    id: string,
    before: unknown,
    after: unknown,
  ) {
    const values = auditRowValues(this.now().toISOString(), actor, action, entity, id, before, after);
    if (values) insertAuditRow(this.db, values);
  }

  /**
   * The file we opened must still be the one at its path: deleted or replaced while the server ran, every
   * write would go to a file nobody will ever open again, so writes stop with 503 instead of a 201 that lies.
   */
  private checkFile(): void {
    if (!this.file) return;
    const now = fileIdentity(this.file.path);
    const then = this.file.identity;
    if (!now || !then || now.ino !== then.ino || now.dev !== then.dev) {
      this.fault = `${this.file.path} was deleted or replaced while the server ran; restart it on a restored copy`;
      throw new StoreUnavailableError(`The atlas cannot save changes right now: ${this.fault}`);
    }
  }

  /** Waits for this write's turn (see WriteTurns), then writes. */
  private async write<T>(work: () => T, changesData = true): Promise<T> {
    await this.turns.take();
    return this.writeNow(work, changesData);
  }

  /**
   * One write = one IMMEDIATE transaction (the write lock first, so a read is never upgraded into a
   * deadlock), its audit entry inside it. Constraint failures become conflicts, storage faults 503s. Writes
   * outside the dataset (partner tokens) leave the data version alone, so no view is rebuilt for them.
   */
  private writeNow<T>(work: () => T, changesData: boolean): T {
    this.checkFile();
    this.touched = { companies: [], exchanges: [] };
    try {
      const result = this.db.transaction(work).immediate();
      this.fault = null;
      if (changesData) {
        const before = this.cached;
        this.localWrites++;
        this.cached = before ? this.patched(before) : null;
      }
      return result;
    } catch (error) {
      if (isStorageFault(error)) this.fault = sqliteCode(error);
      throw storeErrorOf(error);
    }
  }

  /** Records whose cached copy a write in progress changes (read again from the database once it commits). */
  private touch(records: Partial<Touched>): void {
    this.touched.companies.push(...(records.companies ?? []));
    this.touched.exchanges.push(...(records.exchanges ?? []));
  }

  /**
   * The cached snapshot with this process's write applied: the changed records read back, the rest kept.
   * Reading all of a large region again after every write made each write (and the read after it) cost as
   * much as a start; no other process can have written meanwhile, since we hold the database exclusively.
   */
  private patched(snapshot: DatasetSnapshot): DatasetSnapshot | null {
    const version = this.version();
    if (snapshot.version.split('.')[0] !== version.split('.')[0]) return null;
    const companies = replaceById(
      snapshot.companies,
      this.touched.companies,
      (id) => companyFeature(this.db, id)?.record ?? null,
      (feature) => feature.properties.id,
    );
    const exchanges = replaceById(
      snapshot.exchanges,
      this.touched.exchanges,
      (id) => exchangeRecord(this.db, id)?.record ?? null,
      (exchange) => exchange.id,
    );
    return { ...snapshot, version, companies, exchanges, writes: this.localWrites };
  }

  async health(): Promise<StoreHealth> {
    try {
      if (this.file && !this.fault) this.checkFile();
      this.db.prepare('SELECT 1').get();
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    return this.fault ? { ok: false, reason: `the last write failed: ${this.fault}` } : { ok: true };
  }

  private read<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(storeErrorOf(error));
    }
  }

  company(id: string): Promise<Versioned<CompanyFeature> | null> {
    return this.read(() => companyFeature(this.db, id));
  }

  stream(id: string): Promise<Versioned<StreamRecord> | null> {
    return this.read(() => streamRecord(this.db, id));
  }

  exchange(id: string): Promise<Versioned<Exchange> | null> {
    return this.read(() => exchangeRecord(this.db, id));
  }

  async createCompany(company: CompanyWrite, actor: Actor): Promise<Versioned<CompanyFeature>> {
    return this.write(() => {
      this.touch({ companies: [company.properties.id] });
      insertCompany(this.db, company);
      this.audit(actor, 'create', 'company', company.properties.id, null, companyDoc(company));
      return companyFeature(this.db, company.properties.id) as Versioned<CompanyFeature>;
    });
  }

  async updateCompany(
    id: string,
    change: Change<CompanyWrite>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<CompanyFeature>> {
    return this.write(() => {
      const current = companyFeature(this.db, id);
      if (!current) throw new StoreNotFoundError(`no company ${id}`);
      this.touch({ companies: [id] });
      checkExpected(expected, current.version);
      const before = writeOf(current.record);
      const company = change(before);
      if (company.properties.id !== id) throw new StoreConflictError('a company id cannot be changed');
      if (!auditDiff(companyDoc(before), companyDoc(company))) return current;
      const { properties, location } = company;
      this.db
        .prepare(
          `UPDATE companies SET name = ?, municipality = ?, role = ?, visibility = ?, lon = ?, lat = ?, doc = ?,
           version = version + 1 WHERE id = ?`,
        )
        .run(
          properties.name,
          properties.municipality,
          properties.role,
          properties.visibility,
          location.lon,
          location.lat,
          JSON.stringify(properties),
          id,
        );
      this.audit(actor, 'update', 'company', id, companyDoc(before), companyDoc(company));
      return companyFeature(this.db, id) as Versioned<CompanyFeature>;
    });
  }

  async deleteCompany(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void> {
    await this.write(() => {
      const current = companyFeature(this.db, id);
      if (!current) throw new StoreNotFoundError(`no company ${id}`);
      this.touch({ companies: [id] });
      checkExpected(expected, current.version);
      const linked = this.db
        .prepare<[string, string], { n: number }>(
          'SELECT COUNT(*) AS n FROM exchanges WHERE from_id = ? OR to_id = ?',
        )
        .get(id, id);
      if (linked && linked.n > 0) {
        throw new StoreConflictError(
          `${current.record.properties.name} takes part in ${linked.n} exchange(s); mark them rejected or historic instead of deleting the company`,
        );
      }
      this.db.prepare('DELETE FROM companies WHERE id = ?').run(id);
      // The streams go with the company, so the entry keeps them: it is all that is left of them.
      const before = { ...companyDoc(writeOf(current.record)), streams: current.record.properties.streams };
      this.audit(actor, 'delete', 'company', id, before, null);
    });
  }

  async createStream(stream: StreamRecord, actor: Actor): Promise<Versioned<StreamRecord>> {
    return this.write(() => {
      this.touch({ companies: [stream.companyId] });
      if (!this.db.prepare('SELECT 1 FROM companies WHERE id = ?').get(stream.companyId))
        throw new StoreNotFoundError(`no company ${stream.companyId}`);
      insertStream(this.db, stream);
      this.audit(actor, 'create', 'stream', stream.id, null, stream);
      return { record: stream, version: 1 };
    });
  }

  async updateStream(
    id: string,
    change: Change<StreamRecord>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<StreamRecord>> {
    return this.write(() => {
      const current = streamRecord(this.db, id);
      if (!current) throw new StoreNotFoundError(`no stream ${id}`);
      this.touch({ companies: [current.record.companyId] });
      checkExpected(expected, current.version);
      const stream = change(current.record);
      if (stream.id !== id) throw new StoreConflictError('a stream id cannot be changed');
      if (current.record.companyId !== stream.companyId)
        throw new StoreConflictError('a stream cannot move to another company');
      if (!auditDiff(current.record, stream)) return current;
      this.db
        .prepare(
          `UPDATE streams SET direction = ?, resource_id = ?, visibility = ?, doc = ?, version = version + 1
           WHERE id = ?`,
        )
        .run(stream.direction, stream.resourceId, stream.visibility, JSON.stringify(streamOf(stream)), id);
      this.audit(actor, 'update', 'stream', id, current.record, stream);
      return { record: stream, version: current.version + 1 };
    });
  }

  async deleteStream(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void> {
    await this.write(() => {
      const current = streamRecord(this.db, id);
      if (!current) throw new StoreNotFoundError(`no stream ${id}`);
      this.touch({ companies: [current.record.companyId] });
      checkExpected(expected, current.version);
      this.db.prepare('DELETE FROM streams WHERE id = ?').run(id);
      this.audit(actor, 'delete', 'stream', id, current.record, null);
    });
  }

  async createExchange(exchange: Exchange, actor: Actor): Promise<Versioned<Exchange>> {
    return this.write(() => {
      this.touch({ exchanges: [exchange.id] });
      insertExchange(this.db, exchange);
      this.audit(actor, 'create', 'exchange', exchange.id, null, exchange);
      return { record: exchange, version: 1 };
    });
  }

  async updateExchange(
    id: string,
    change: Change<Exchange>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<Exchange>> {
    return this.write(() => {
      const current = exchangeRecord(this.db, id);
      if (!current) throw new StoreNotFoundError(`no exchange ${id}`);
      this.touch({ exchanges: [id] });
      checkExpected(expected, current.version);
      const exchange = change(current.record);
      if (exchange.id !== id) throw new StoreConflictError('an exchange id cannot be changed');
      if (!auditDiff(current.record, exchange)) return current;
      this.db
        .prepare(
          `UPDATE exchanges SET from_id = ?, to_id = ?, resource_id = ?, status = ?, start_year = ?, end_year = ?,
           visibility = ?, doc = ?, version = version + 1 WHERE id = ?`,
        )
        .run(...exchangeColumnValues(exchange), id);
      this.audit(actor, 'update', 'exchange', id, current.record, exchange);
      return { record: exchange, version: current.version + 1 };
    });
  }

  async auditLog({ limit, entityId, before }: AuditQuery): Promise<AuditEntry[]> {
    return this.db
      .prepare<[string | null, string | null, number, number], AuditRow>(
        `SELECT * FROM audit_log WHERE (? IS NULL OR entity_id = ?) AND id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(entityId ?? null, entityId ?? null, before ?? Number.MAX_SAFE_INTEGER, limit)
      .map(auditEntryOf);
  }

  workRecords(kind: WorkKind): Promise<Versioned<WorkRecord>[]> {
    return this.read(() => selectWorkRecords(this.db, kind));
  }

  workRecord(kind: WorkKind, id: string): Promise<Versioned<WorkRecord> | null> {
    return this.read(() => selectWorkRecord(this.db, kind, id));
  }

  async createWorkRecord(
    kind: WorkKind,
    id: string,
    doc: WorkDoc,
    actor: Actor,
  ): Promise<Versioned<WorkRecord>> {
    return this.write(() => {
      if (selectWorkRecord(this.db, kind, id))
        throw new StoreConflictError(`there is a ${kind} ${id} already`);
      insertWorkRecord(this.db, kind, id, doc, this.now().toISOString());
      this.audit(actor, 'create', kind, id, null, doc);
      return selectWorkRecord(this.db, kind, id) as Versioned<WorkRecord>;
    }, false);
  }

  async updateWorkRecord(
    kind: WorkKind,
    id: string,
    change: Change<WorkDoc>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<WorkRecord>> {
    return this.write(() => {
      const current = selectWorkRecord(this.db, kind, id);
      if (!current) throw new StoreNotFoundError(`no ${kind} ${id}`);
      checkExpected(expected, current.version);
      const doc = change(current.record.doc);
      if (!auditDiff(current.record.doc, doc)) return current;
      updateWorkRecordDoc(this.db, kind, id, doc, this.now().toISOString());
      this.audit(actor, 'update', kind, id, current.record.doc, doc);
      return selectWorkRecord(this.db, kind, id) as Versioned<WorkRecord>;
    }, false);
  }

  async createPartnerToken(token: NewPartnerToken, actor: Actor): Promise<PartnerToken> {
    return this.write(() => {
      if (!this.db.prepare('SELECT 1 FROM companies WHERE id = ?').get(token.companyId)) {
        throw new StoreNotFoundError(`no company ${token.companyId}`);
      }
      insertPartnerToken(this.db, token, this.now().toISOString(), actor);
      const created = selectPartnerToken(this.db, 'id', token.id) as PartnerToken;
      this.audit(actor, 'create', 'partner-token', token.id, null, created);
      return created;
    }, false);
  }

  async listPartnerTokens(): Promise<PartnerToken[]> {
    return selectPartnerTokens(this.db);
  }

  async findPartnerToken(tokenHash: string): Promise<PartnerToken | null> {
    return selectPartnerToken(this.db, 'token_hash', tokenHash);
  }

  async deletePartnerToken(id: string, actor: Actor): Promise<void> {
    await this.write(() => {
      const before = selectPartnerToken(this.db, 'id', id);
      if (!before) throw new StoreNotFoundError(`no partner token ${id}`);
      this.db.prepare('DELETE FROM partner_tokens WHERE id = ?').run(id);
      this.audit(actor, 'delete', 'partner-token', id, before, null);
    }, false);
  }

  async close(): Promise<void> {
    try {
      this.db.close();
    } finally {
      this.release();
    }
  }
}
