import type { ClientBase } from 'pg';
import {
  type CompanyFeature,
  CompanyPropertiesSchema,
  type Dataset,
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
import { type AuditEntry, type CompanyWrite, streamOf, type Versioned } from './atlas-store.ts';

// Rows of the PostgreSQL store and the records they hold: reading, inserting, seeding. The driver hands
// `json` columns over parsed; ids are ordered by "C" (byte order) whatever the database's collation, since
// a cached snapshot is patched by a binary search over ids in JavaScript's order.

/** A company's point as PostGIS stores it, and its coordinates read back. */
const POINT = 'ST_SetSRID(ST_MakePoint($lon::float8, $lat::float8), 4326)::geography';
const LON_LAT = 'ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat';

export const pointOf = (lon: string, lat: string) => POINT.replace('$lon', lon).replace('$lat', lat);

interface CompanyRow {
  id: string;
  lon: number;
  lat: number;
  doc: unknown;
  version: number;
}
interface DocRow {
  doc: unknown;
  version: number;
}
interface StreamRow {
  company_id: string;
  doc: unknown;
  version: number;
}

function featureOf(row: CompanyRow, streams: Stream[]): CompanyFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
    properties: CompanyPropertiesSchema.parse({ ...(row.doc as object), streams }),
  };
}

/** The whole dataset in one statement per table: a start's seed, or 10,000 companies, in a few round trips. */
export async function seedPg(db: ClientBase, dataset: Dataset): Promise<void> {
  const json = (rows: unknown[]) => [JSON.stringify(rows)];
  await db.query(
    `INSERT INTO resources (id, position, doc)
     SELECT r->>'id', (r->>'position')::integer, r->'doc' FROM json_array_elements($1::json) AS r`,
    json(dataset.resources.map((resource, position) => ({ id: resource.id, position, doc: resource }))),
  );
  const companies: unknown[] = [];
  const streams: unknown[] = [];
  for (const feature of dataset.companies.features) {
    const { streams: nested, ...properties } = feature.properties;
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    companies.push({ ...companyColumns({ properties, location: { lon, lat } }), doc: properties });
    for (const [position, stream] of nested.entries()) {
      streams.push({ ...streamColumns({ ...stream, companyId: properties.id }), position, doc: stream });
    }
  }
  await db.query(
    `INSERT INTO companies (id, name, municipality, role, visibility, location, doc)
     SELECT c->>'id', c->>'name', c->>'municipality', c->>'role', c->>'visibility',
       ${pointOf("(c->>'lon')", "(c->>'lat')")}, c->'doc'
     FROM json_array_elements($1::json) AS c`,
    json(companies),
  );
  await db.query(
    `INSERT INTO streams (id, company_id, position, direction, resource_id, visibility, doc)
     SELECT s->>'id', s->>'companyId', (s->>'position')::integer, s->>'direction', s->>'resourceId',
       s->>'visibility', s->'doc'
     FROM json_array_elements($1::json) AS s`,
    json(streams),
  );
  await db.query(
    `INSERT INTO exchanges (id, from_id, to_id, resource_id, status, start_year, end_year, visibility, doc)
     SELECT e->>'id', e->>'from', e->>'to', e->>'resourceId', e->>'status', (e->>'startYear')::integer,
       (e->>'endYear')::integer, e->>'visibility', e->'doc'
     FROM json_array_elements($1::json) AS e`,
    json(dataset.exchanges.map((exchange) => ({ ...exchange, doc: exchange }))),
  );
  await db.query(
    `INSERT INTO impact_figures (id, year, doc)
     SELECT f->>'id', (f->>'year')::integer, f->'doc' FROM json_array_elements($1::json) AS f`,
    json(dataset.impactFigures.map((figure) => ({ id: figure.id, year: figure.year, doc: figure }))),
  );
}

function companyColumns({ properties, location }: CompanyWrite) {
  return {
    id: properties.id,
    name: properties.name,
    municipality: properties.municipality,
    role: properties.role,
    visibility: properties.visibility,
    lon: location.lon,
    lat: location.lat,
  };
}

function streamColumns(stream: StreamRecord) {
  const { id, companyId, direction, resourceId, visibility } = stream;
  return { id, companyId, direction, resourceId, visibility };
}

export interface AllRecords {
  resources: Resource[];
  companies: CompanyFeature[];
  exchanges: Exchange[];
  impactFigures: ImpactFigure[];
}

/** Every record, as the caller's transaction sees them. */
export async function readAllPg(db: ClientBase): Promise<AllRecords> {
  const resources = (await db.query<DocRow>('SELECT doc FROM resources ORDER BY position')).rows.map(
    (row): Resource => ResourceSchema.parse(row.doc),
  );
  const streamDocs = new Map<string, Stream[]>();
  const streamRows = await db.query<StreamRow>(
    'SELECT company_id, doc FROM streams ORDER BY company_id, position',
  );
  for (const row of streamRows.rows) {
    const list = streamDocs.get(row.company_id) ?? [];
    list.push(StreamSchema.parse(row.doc));
    streamDocs.set(row.company_id, list);
  }
  const companyRows = await db.query<CompanyRow>(
    `SELECT id, ${LON_LAT}, doc FROM companies ORDER BY id COLLATE "C"`,
  );
  const companies = companyRows.rows.map((row) => featureOf(row, streamDocs.get(row.id) ?? []));
  const exchanges = (await db.query<DocRow>('SELECT doc FROM exchanges ORDER BY id COLLATE "C"')).rows.map(
    (row): Exchange => ExchangeSchema.parse(row.doc),
  );
  const impactFigures = (
    await db.query<DocRow>('SELECT doc FROM impact_figures ORDER BY year, id COLLATE "C"')
  ).rows.map((row): ImpactFigure => ImpactFigureSchema.parse(row.doc));
  return { resources, companies, exchanges, impactFigures };
}

export async function readResourcesPg(db: ClientBase): Promise<Resource[]> {
  const { rows } = await db.query<DocRow>('SELECT doc FROM resources ORDER BY position');
  return rows.map((row): Resource => ResourceSchema.parse(row.doc));
}

export async function insertCompanyPg(db: ClientBase, company: CompanyWrite): Promise<void> {
  const c = companyColumns(company);
  await db.query(
    `INSERT INTO companies (id, name, municipality, role, visibility, location, doc)
     VALUES ($1, $2, $3, $4, $5, ${pointOf('$6', '$7')}, $8)`,
    [c.id, c.name, c.municipality, c.role, c.visibility, c.lon, c.lat, JSON.stringify(company.properties)],
  );
}

export async function updateCompanyPg(db: ClientBase, company: CompanyWrite): Promise<void> {
  const c = companyColumns(company);
  await db.query(
    `UPDATE companies SET name = $2, municipality = $3, role = $4, visibility = $5,
       location = ${pointOf('$6', '$7')}, doc = $8, version = version + 1
     WHERE id = $1`,
    [c.id, c.name, c.municipality, c.role, c.visibility, c.lon, c.lat, JSON.stringify(company.properties)],
  );
}

export async function insertStreamPg(db: ClientBase, stream: StreamRecord): Promise<void> {
  await db.query(
    `INSERT INTO streams (id, company_id, position, direction, resource_id, visibility, doc)
     VALUES ($1, $2, (SELECT COALESCE(MAX(position) + 1, 0) FROM streams WHERE company_id = $2), $3, $4, $5, $6)`,
    [
      stream.id,
      stream.companyId,
      stream.direction,
      stream.resourceId,
      stream.visibility,
      JSON.stringify(streamOf(stream)),
    ],
  );
}

/** An exchange's columns after its id, in the order the INSERT and the UPDATE name them ($2 …). */
function exchangeValues(exchange: Exchange) {
  return [
    exchange.id,
    exchange.from,
    exchange.to,
    exchange.resourceId,
    exchange.status,
    exchange.startYear,
    exchange.endYear,
    exchange.visibility,
    JSON.stringify(exchange),
  ];
}

export async function insertExchangePg(db: ClientBase, exchange: Exchange): Promise<void> {
  await db.query(
    `INSERT INTO exchanges (id, from_id, to_id, resource_id, status, start_year, end_year, visibility, doc)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    exchangeValues(exchange),
  );
}

export async function updateExchangePg(db: ClientBase, exchange: Exchange): Promise<void> {
  await db.query(
    `UPDATE exchanges SET from_id = $2, to_id = $3, resource_id = $4, status = $5, start_year = $6,
       end_year = $7, visibility = $8, doc = $9, version = version + 1
     WHERE id = $1`,
    exchangeValues(exchange),
  );
}

/** Companies with their streams, in one statement (so one snapshot of both). */
async function companiesByIds(db: ClientBase, ids: readonly string[]): Promise<Versioned<CompanyFeature>[]> {
  const { rows } = await db.query<CompanyRow & { streams: unknown[] | null }>(
    `SELECT id, ${LON_LAT}, doc, version,
       (SELECT json_agg(s.doc ORDER BY s.position) FROM streams s WHERE s.company_id = c.id) AS streams
     FROM companies c WHERE id = ANY($1::text[])`,
    [ids],
  );
  return rows.map((row) => ({
    record: featureOf(
      row,
      (row.streams ?? []).map((stream) => StreamSchema.parse(stream)),
    ),
    version: row.version,
  }));
}

export async function companyFeaturePg(
  db: ClientBase,
  id: string,
): Promise<Versioned<CompanyFeature> | null> {
  return (await companiesByIds(db, [id]))[0] ?? null;
}

export interface ChangedRecords {
  companies: Map<string, CompanyFeature>;
  exchanges: Map<string, Exchange>;
}

/** These records as the caller's transaction sees them; an id missing from the maps was deleted. */
export async function readChangedPg(
  db: ClientBase,
  companyIds: readonly string[],
  exchangeIds: readonly string[],
): Promise<ChangedRecords> {
  const companies = new Map(
    (await companiesByIds(db, companyIds)).map(({ record }) => [record.properties.id, record] as const),
  );
  const { rows } = await db.query<DocRow>('SELECT doc FROM exchanges WHERE id = ANY($1::text[])', [
    exchangeIds,
  ]);
  const exchanges = new Map(
    rows.map((row) => {
      const exchange = ExchangeSchema.parse(row.doc);
      return [exchange.id, exchange] as const;
    }),
  );
  return { companies, exchanges };
}

export async function streamRecordPg(db: ClientBase, id: string): Promise<Versioned<StreamRecord> | null> {
  const { rows } = await db.query<StreamRow>('SELECT company_id, doc, version FROM streams WHERE id = $1', [
    id,
  ]);
  const row = rows[0];
  if (!row) return null;
  const record = StreamRecordSchema.parse({ ...(row.doc as object), companyId: row.company_id });
  return { record, version: row.version };
}

export async function exchangeRecordPg(db: ClientBase, id: string): Promise<Versioned<Exchange> | null> {
  const { rows } = await db.query<DocRow>('SELECT doc, version FROM exchanges WHERE id = $1', [id]);
  const row = rows[0];
  return row ? { record: ExchangeSchema.parse(row.doc), version: row.version } : null;
}

export interface PgAuditRow {
  id: number;
  at: string;
  actor: string;
  action: AuditEntry['action'];
  entity: AuditEntry['entity'];
  entity_id: string;
  before: unknown;
  after: unknown;
}

export function pgAuditEntryOf(row: PgAuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
  };
}
