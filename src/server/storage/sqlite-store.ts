import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Dataset } from '../../domain/schema.ts';
import {
  type CompanyFeature,
  CompanyPropertiesSchema,
  type Exchange,
  ExchangeSchema,
  type ImpactFigure,
  ImpactFigureSchema,
  type Resource,
  ResourceSchema,
  type Stream,
  type StreamRecord,
  StreamRecordSchema,
  StreamSchema,
} from '../../domain/schema.ts';
import {
  type Actor,
  type AtlasStore,
  type AuditEntry,
  type CompanyWrite,
  type DatasetSnapshot,
  type NewPartnerToken,
  type PartnerToken,
  StoreConflictError,
  StoreNotFoundError,
  streamOf,
} from './atlas-store.ts';
import { migrate } from './migrations.ts';

type Entity = AuditEntry['entity'];

interface CompanyRow {
  id: string;
  lon: number;
  lat: number;
  doc: string;
}
interface DocRow {
  doc: string;
}
interface StreamRow {
  company_id: string;
  doc: string;
}
interface PartnerTokenRow {
  id: string;
  company_id: string;
  label: string | null;
  created_at: string;
  created_by: string;
}

const partnerTokenColumns = 'id, company_id, label, created_at, created_by';

function partnerTokenOf(row: PartnerTokenRow): PartnerToken {
  return {
    id: row.id,
    companyId: row.company_id,
    label: row.label,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export interface SqliteStoreOptions {
  /** Directory for atlas.sqlite; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  /** Loads the seed dataset; called only when the database is new. */
  seed: () => Promise<Dataset>;
  now?: () => Date;
}

/** SQLite constraint failures that mean "this write does not fit the data", not "the server broke". */
function asConflict(error: unknown): never {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StoreConflictError('a record with this id already exists');
    }
    if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new StoreConflictError(
        'the record refers to a company or resource that does not exist, or is still referred to',
      );
    }
  }
  throw error;
}

export class SqliteStore implements AtlasStore {
  private cached: DatasetSnapshot | null = null;
  private localWrites = 0;
  private readonly now: () => Date;

  private constructor(
    private readonly db: Database,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    let file = ':memory:';
    if (options.dataDir !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      file = path.join(options.dataDir, 'atlas.sqlite');
    }
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const store = new SqliteStore(db, options.now);
    const isNew = db.pragma('user_version', { simple: true }) === 0;
    const seedData = isNew ? await options.seed() : null;
    // Schema and seed commit together: a failed first start leaves a new database to try again with.
    // IMMEDIATE takes the write lock first, so of two processes starting on a new database only the first
    // seeds; the second waits (busy_timeout), then finds it seeded.
    db.transaction(() => {
      const stillNew = db.pragma('user_version', { simple: true }) === 0;
      migrate(db);
      if (seedData && stillNew) store.seed(seedData);
    }).immediate();
    return store;
  }

  /** The first start's data: the committed geodata/ dataset. */
  private seed(dataset: Dataset): void {
    const insertResource = this.db.prepare('INSERT INTO resources (id, position, doc) VALUES (?, ?, ?)');
    const insertFigure = this.db.prepare('INSERT INTO impact_figures (id, year, doc) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const [position, resource] of dataset.resources.entries()) {
        insertResource.run(resource.id, position, JSON.stringify(resource));
      }
      for (const feature of dataset.companies.features) {
        const { streams, ...properties } = feature.properties;
        const [lon = 0, lat = 0] = feature.geometry.coordinates;
        this.insertCompany({ properties, location: { lon, lat } });
        for (const [position, stream] of streams.entries()) {
          this.insertStream({ ...stream, companyId: properties.id }, position);
        }
      }
      for (const exchange of dataset.exchanges) this.insertExchange(exchange);
      for (const figure of dataset.impactFigures)
        insertFigure.run(figure.id, figure.year, JSON.stringify(figure));
    })();
  }

  private version(): string {
    return `${this.db.pragma('data_version', { simple: true })}.${this.localWrites}`;
  }

  async snapshot(): Promise<DatasetSnapshot> {
    const version = this.version();
    if (this.cached?.version === version) return this.cached;
    this.cached = this.db.transaction(() => this.readAll(version))();
    return this.cached;
  }

  private readAll(version: string): DatasetSnapshot {
    const resources = this.db
      .prepare<[], DocRow>('SELECT doc FROM resources ORDER BY position')
      .all()
      .map((row): Resource => ResourceSchema.parse(JSON.parse(row.doc)));
    const streamDocs = new Map<string, Stream[]>();
    for (const row of this.db
      .prepare<[], StreamRow>('SELECT company_id, doc FROM streams ORDER BY company_id, position')
      .all()) {
      const list = streamDocs.get(row.company_id) ?? [];
      list.push(StreamSchema.parse(JSON.parse(row.doc)));
      streamDocs.set(row.company_id, list);
    }
    const companies = this.db
      .prepare<[], CompanyRow>('SELECT id, lon, lat, doc FROM companies ORDER BY id')
      .all()
      .map(
        (row): CompanyFeature => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
          properties: CompanyPropertiesSchema.parse({
            ...JSON.parse(row.doc),
            streams: streamDocs.get(row.id) ?? [],
          }),
        }),
      );
    const exchanges = this.db
      .prepare<[], DocRow>('SELECT doc FROM exchanges ORDER BY id')
      .all()
      .map((row): Exchange => ExchangeSchema.parse(JSON.parse(row.doc)));
    const impactFigures = this.db
      .prepare<[], DocRow>('SELECT doc FROM impact_figures ORDER BY year, id')
      .all()
      .map((row): ImpactFigure => ImpactFigureSchema.parse(JSON.parse(row.doc)));
    return { version, resources, companies, exchanges, impactFigures };
  }

  private insertCompany({ properties, location }: CompanyWrite): void {
    this.db
      .prepare(
        `INSERT INTO companies (id, name, municipality, role, visibility, lon, lat, doc)
         VALUES (@id, @name, @municipality, @role, @visibility, @lon, @lat, @doc)`,
      )
      .run({
        id: properties.id,
        name: properties.name,
        municipality: properties.municipality,
        role: properties.role,
        visibility: properties.visibility,
        lon: location.lon,
        lat: location.lat,
        doc: JSON.stringify(properties),
      });
  }

  private insertStream(stream: StreamRecord, position?: number): void {
    const nextPosition =
      position ??
      this.db
        .prepare<[string], { next: number }>(
          'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM streams WHERE company_id = ?',
        )
        .get(stream.companyId)?.next ??
      0;
    this.db
      .prepare(
        `INSERT INTO streams (id, company_id, position, direction, resource_id, visibility, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        stream.id,
        stream.companyId,
        nextPosition,
        stream.direction,
        stream.resourceId,
        stream.visibility,
        JSON.stringify(streamOf(stream)),
      );
  }

  private insertExchange(exchange: Exchange): void {
    this.db
      .prepare(
        `INSERT INTO exchanges (id, from_id, to_id, resource_id, status, start_year, end_year, visibility, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        exchange.id,
        exchange.from,
        exchange.to,
        exchange.resourceId,
        exchange.status,
        exchange.startYear,
        exchange.endYear,
        exchange.visibility,
        JSON.stringify(exchange),
      );
  }

  private audit(
    actor: Actor,
    action: AuditEntry['action'],
    entity: Entity,
    id: string,
    before: unknown,
    after: unknown,
  ) {
    this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        this.now().toISOString(),
        actor,
        action,
        entity,
        id,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      );
  }

  /**
   * One write = one transaction, its audit entry inside it; constraint failures become conflicts. Writes
   * outside the dataset (partner tokens) leave the data version alone, so no view is rebuilt for them.
   */
  private write<T>(work: () => T, changesData = true): T {
    try {
      const result = this.db.transaction(work)();
      if (changesData) this.localWrites++;
      return result;
    } catch (error) {
      return asConflict(error);
    }
  }

  private companyFeature(id: string): CompanyFeature | null {
    const row = this.db
      .prepare<[string], CompanyRow>('SELECT id, lon, lat, doc FROM companies WHERE id = ?')
      .get(id);
    if (!row) return null;
    const streams = this.db
      .prepare<[string], DocRow>('SELECT doc FROM streams WHERE company_id = ? ORDER BY position')
      .all(id)
      .map((stream) => StreamSchema.parse(JSON.parse(stream.doc)));
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: CompanyPropertiesSchema.parse({ ...JSON.parse(row.doc), streams }),
    };
  }

  private streamRecord(id: string): StreamRecord | null {
    const row = this.db
      .prepare<[string], StreamRow>('SELECT company_id, doc FROM streams WHERE id = ?')
      .get(id);
    return row ? StreamRecordSchema.parse({ ...JSON.parse(row.doc), companyId: row.company_id }) : null;
  }

  private exchange(id: string): Exchange | null {
    const row = this.db.prepare<[string], DocRow>('SELECT doc FROM exchanges WHERE id = ?').get(id);
    return row ? ExchangeSchema.parse(JSON.parse(row.doc)) : null;
  }

  async createCompany(company: CompanyWrite, actor: Actor): Promise<CompanyFeature> {
    return this.write(() => {
      this.insertCompany(company);
      const created = this.companyFeature(company.properties.id) as CompanyFeature;
      this.audit(actor, 'create', 'company', company.properties.id, null, created);
      return created;
    });
  }

  async updateCompany(id: string, company: CompanyWrite, actor: Actor): Promise<CompanyFeature> {
    if (company.properties.id !== id) throw new StoreConflictError('a company id cannot be changed');
    return this.write(() => {
      const before = this.companyFeature(id);
      if (!before) throw new StoreNotFoundError(`no company ${id}`);
      const { properties, location } = company;
      this.db
        .prepare(
          `UPDATE companies SET name = ?, municipality = ?, role = ?, visibility = ?, lon = ?, lat = ?, doc = ?
           WHERE id = ?`,
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
      const after = this.companyFeature(id) as CompanyFeature;
      this.audit(actor, 'update', 'company', id, before, after);
      return after;
    });
  }

  async deleteCompany(id: string, actor: Actor): Promise<void> {
    this.write(() => {
      const before = this.companyFeature(id);
      if (!before) throw new StoreNotFoundError(`no company ${id}`);
      const linked = this.db
        .prepare<[string, string], { n: number }>(
          'SELECT COUNT(*) AS n FROM exchanges WHERE from_id = ? OR to_id = ?',
        )
        .get(id, id);
      if (linked && linked.n > 0) {
        throw new StoreConflictError(
          `${before.properties.name} takes part in ${linked.n} exchange(s); mark them rejected or historic instead of deleting the company`,
        );
      }
      this.db.prepare('DELETE FROM companies WHERE id = ?').run(id);
      this.audit(actor, 'delete', 'company', id, before, null);
    });
  }

  async createStream(stream: StreamRecord, actor: Actor): Promise<StreamRecord> {
    return this.write(() => {
      if (!this.companyFeature(stream.companyId))
        throw new StoreNotFoundError(`no company ${stream.companyId}`);
      this.insertStream(stream);
      this.audit(actor, 'create', 'stream', stream.id, null, stream);
      return stream;
    });
  }

  async updateStream(id: string, stream: StreamRecord, actor: Actor): Promise<StreamRecord> {
    if (stream.id !== id) throw new StoreConflictError('a stream id cannot be changed');
    return this.write(() => {
      const before = this.streamRecord(id);
      if (!before) throw new StoreNotFoundError(`no stream ${id}`);
      if (before.companyId !== stream.companyId)
        throw new StoreConflictError('a stream cannot move to another company');
      this.db
        .prepare('UPDATE streams SET direction = ?, resource_id = ?, visibility = ?, doc = ? WHERE id = ?')
        .run(stream.direction, stream.resourceId, stream.visibility, JSON.stringify(streamOf(stream)), id);
      this.audit(actor, 'update', 'stream', id, before, stream);
      return stream;
    });
  }

  async deleteStream(id: string, actor: Actor): Promise<void> {
    this.write(() => {
      const before = this.streamRecord(id);
      if (!before) throw new StoreNotFoundError(`no stream ${id}`);
      this.db.prepare('DELETE FROM streams WHERE id = ?').run(id);
      this.audit(actor, 'delete', 'stream', id, before, null);
    });
  }

  async createExchange(exchange: Exchange, actor: Actor): Promise<Exchange> {
    return this.write(() => {
      this.insertExchange(exchange);
      this.audit(actor, 'create', 'exchange', exchange.id, null, exchange);
      return exchange;
    });
  }

  async updateExchange(id: string, exchange: Exchange, actor: Actor): Promise<Exchange> {
    if (exchange.id !== id) throw new StoreConflictError('an exchange id cannot be changed');
    return this.write(() => {
      const before = this.exchange(id);
      if (!before) throw new StoreNotFoundError(`no exchange ${id}`);
      this.db
        .prepare(
          `UPDATE exchanges SET from_id = ?, to_id = ?, resource_id = ?, status = ?, start_year = ?, end_year = ?,
           visibility = ?, doc = ? WHERE id = ?`,
        )
        .run(
          exchange.from,
          exchange.to,
          exchange.resourceId,
          exchange.status,
          exchange.startYear,
          exchange.endYear,
          exchange.visibility,
          JSON.stringify(exchange),
          id,
        );
      this.audit(actor, 'update', 'exchange', id, before, exchange);
      return exchange;
    });
  }

  async auditLog({ limit, entityId }: { limit: number; entityId?: string }): Promise<AuditEntry[]> {
    interface AuditRow {
      id: number;
      at: string;
      actor: string;
      action: AuditEntry['action'];
      entity: Entity;
      entity_id: string;
      before: string | null;
      after: string | null;
    }
    const rows = entityId
      ? this.db
          .prepare<[string, number], AuditRow>(
            'SELECT * FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT ?',
          )
          .all(entityId, limit)
      : this.db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
    }));
  }

  private partnerToken(id: string): PartnerToken | null {
    const row = this.db
      .prepare<[string], PartnerTokenRow>(`SELECT ${partnerTokenColumns} FROM partner_tokens WHERE id = ?`)
      .get(id);
    return row ? partnerTokenOf(row) : null;
  }

  async createPartnerToken(token: NewPartnerToken, actor: Actor): Promise<PartnerToken> {
    return this.write(() => {
      if (!this.db.prepare('SELECT 1 FROM companies WHERE id = ?').get(token.companyId)) {
        throw new StoreNotFoundError(`no company ${token.companyId}`);
      }
      this.db
        .prepare(
          `INSERT INTO partner_tokens (id, company_id, token_hash, label, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(token.id, token.companyId, token.tokenHash, token.label, this.now().toISOString(), actor);
      const created = this.partnerToken(token.id) as PartnerToken;
      this.audit(actor, 'create', 'partner-token', token.id, null, created);
      return created;
    }, false);
  }

  async listPartnerTokens(): Promise<PartnerToken[]> {
    return this.db
      .prepare<[], PartnerTokenRow>(
        `SELECT ${partnerTokenColumns} FROM partner_tokens ORDER BY created_at, id`,
      )
      .all()
      .map(partnerTokenOf);
  }

  async findPartnerToken(tokenHash: string): Promise<PartnerToken | null> {
    const row = this.db
      .prepare<[string], PartnerTokenRow>(
        `SELECT ${partnerTokenColumns} FROM partner_tokens WHERE token_hash = ?`,
      )
      .get(tokenHash);
    return row ? partnerTokenOf(row) : null;
  }

  async deletePartnerToken(id: string, actor: Actor): Promise<void> {
    this.write(() => {
      const before = this.partnerToken(id);
      if (!before) throw new StoreNotFoundError(`no partner token ${id}`);
      this.db.prepare('DELETE FROM partner_tokens WHERE id = ?').run(id);
      this.audit(actor, 'delete', 'partner-token', id, before, null);
    }, false);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
