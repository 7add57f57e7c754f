import type { Database } from 'better-sqlite3';
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
  type AuditEntry,
  type CompanyWrite,
  type DatasetSnapshot,
  streamOf,
  type Versioned,
} from './atlas-store.ts';

// Rows of the SQLite store and the records they hold: reading, inserting, seeding.

export interface CompanyRow {
  id: string;
  lon: number;
  lat: number;
  doc: string;
  version: number;
}
export interface DocRow {
  doc: string;
  version: number;
}
export interface StreamRow {
  company_id: string;
  doc: string;
  version: number;
}

export function seedDatabase(db: Database, dataset: Dataset): void {
  const insertResource = db.prepare('INSERT INTO resources (id, position, doc) VALUES (?, ?, ?)');
  const insertFigure = db.prepare('INSERT INTO impact_figures (id, year, doc) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const [position, resource] of dataset.resources.entries()) {
      insertResource.run(resource.id, position, JSON.stringify(resource));
    }
    for (const feature of dataset.companies.features) {
      const { streams, ...properties } = feature.properties;
      const [lon = 0, lat = 0] = feature.geometry.coordinates;
      insertCompany(db, { properties, location: { lon, lat } });
      for (const [position, stream] of streams.entries()) {
        insertStream(db, { ...stream, companyId: properties.id }, position);
      }
    }
    for (const exchange of dataset.exchanges) insertExchange(db, exchange);
    for (const figure of dataset.impactFigures)
      insertFigure.run(figure.id, figure.year, JSON.stringify(figure));
  })();
}

export function readAll(db: Database, version: string): DatasetSnapshot {
  const resources = db
    .prepare<[], DocRow>('SELECT doc FROM resources ORDER BY position')
    .all()
    .map((row): Resource => ResourceSchema.parse(JSON.parse(row.doc)));
  const streamDocs = new Map<string, Stream[]>();
  for (const row of db
    .prepare<[], StreamRow>('SELECT company_id, doc FROM streams ORDER BY company_id, position')
    .all()) {
    const list = streamDocs.get(row.company_id) ?? [];
    list.push(StreamSchema.parse(JSON.parse(row.doc)));
    streamDocs.set(row.company_id, list);
  }
  const companies = db
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
  const exchanges = db
    .prepare<[], DocRow>('SELECT doc FROM exchanges ORDER BY id')
    .all()
    .map((row): Exchange => ExchangeSchema.parse(JSON.parse(row.doc)));
  const impactFigures = db
    .prepare<[], DocRow>('SELECT doc FROM impact_figures ORDER BY year, id')
    .all()
    .map((row): ImpactFigure => ImpactFigureSchema.parse(JSON.parse(row.doc)));
  return { version, writes: 0, resources, companies, exchanges, impactFigures };
}

export function insertCompany(db: Database, { properties, location }: CompanyWrite): void {
  db.prepare(
    `INSERT INTO companies (id, name, municipality, role, visibility, lon, lat, doc)
       VALUES (@id, @name, @municipality, @role, @visibility, @lon, @lat, @doc)`,
  ).run({
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

export function insertStream(db: Database, stream: StreamRecord, position?: number): void {
  const nextPosition =
    position ??
    db
      .prepare<[string], { next: number }>(
        'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM streams WHERE company_id = ?',
      )
      .get(stream.companyId)?.next ??
    0;
  db.prepare(
    `INSERT INTO streams (id, company_id, position, direction, resource_id, visibility, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    stream.id,
    stream.companyId,
    nextPosition,
    stream.direction,
    stream.resourceId,
    stream.visibility,
    JSON.stringify(streamOf(stream)),
  );
}

/** An exchange's columns after its id, in the order the INSERT and the UPDATE name them. */
export function exchangeColumnValues(exchange: Exchange) {
  return [
    exchange.from,
    exchange.to,
    exchange.resourceId,
    exchange.status,
    exchange.startYear,
    exchange.endYear,
    exchange.visibility,
    JSON.stringify(exchange),
  ] as const;
}

export function insertExchange(db: Database, exchange: Exchange): void {
  db.prepare(
    `INSERT INTO exchanges (id, from_id, to_id, resource_id, status, start_year, end_year, visibility, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(exchange.id, ...exchangeColumnValues(exchange));
}

export function companyFeature(db: Database, id: string): Versioned<CompanyFeature> | null {
  const row = db
    .prepare<[string], CompanyRow>('SELECT id, lon, lat, doc, version FROM companies WHERE id = ?')
    .get(id);
  if (!row) return null;
  const streams = db
    .prepare<[string], DocRow>('SELECT doc, version FROM streams WHERE company_id = ? ORDER BY position')
    .all(id)
    .map((stream) => StreamSchema.parse(JSON.parse(stream.doc)));
  const record: CompanyFeature = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
    properties: CompanyPropertiesSchema.parse({ ...JSON.parse(row.doc), streams }),
  };
  return { record, version: row.version };
}

export function streamRecord(db: Database, id: string): Versioned<StreamRecord> | null {
  const row = db
    .prepare<[string], StreamRow>('SELECT company_id, doc, version FROM streams WHERE id = ?')
    .get(id);
  if (!row) return null;
  const record = StreamRecordSchema.parse({ ...JSON.parse(row.doc), companyId: row.company_id });
  return { record, version: row.version };
}

export function exchangeRecord(db: Database, id: string): Versioned<Exchange> | null {
  const row = db.prepare<[string], DocRow>('SELECT doc, version FROM exchanges WHERE id = ?').get(id);
  return row ? { record: ExchangeSchema.parse(JSON.parse(row.doc)), version: row.version } : null;
}

/** One audit_log row, its values as auditRowValues orders them. */
export function insertAuditRow(db: Database, values: (string | null)[]): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(...values);
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: AuditEntry['action'];
  entity: AuditEntry['entity'];
  entity_id: string;
  before: string | null;
  after: string | null;
}

export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}
