import type { PoolClient } from 'pg';
import { DataDirError } from './data-dir.ts';

/**
 * Schema versions of the PostgreSQL store, applied in order and recorded in atlas_schema_migrations. Never
 * edit a released migration: add the next one. As in SQLite, records are JSON documents (`json`, which
 * keeps them exactly as written) with the columns that queries and integrity need beside them; a company's
 * location is a PostGIS point with a spatial index, for queries by distance in the database.
 */
const migrations: readonly string[] = [
  `
  CREATE EXTENSION IF NOT EXISTS postgis;
  CREATE TABLE resources (
    id text PRIMARY KEY,
    position integer NOT NULL,
    doc json NOT NULL
  );
  CREATE TABLE companies (
    id text PRIMARY KEY,
    name text NOT NULL,
    municipality text,
    role text NOT NULL,
    visibility text NOT NULL,
    location geography(Point, 4326) NOT NULL,
    doc json NOT NULL,
    version integer NOT NULL DEFAULT 1
  );
  CREATE INDEX companies_by_location ON companies USING gist (location);
  CREATE TABLE streams (
    id text PRIMARY KEY,
    company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    position integer NOT NULL,
    direction text NOT NULL CHECK (direction IN ('output', 'input')),
    resource_id text NOT NULL REFERENCES resources(id),
    visibility text NOT NULL,
    doc json NOT NULL,
    version integer NOT NULL DEFAULT 1
  );
  CREATE INDEX streams_by_company ON streams(company_id, position);
  CREATE INDEX streams_by_resource ON streams(resource_id);
  CREATE TABLE exchanges (
    id text PRIMARY KEY,
    from_id text NOT NULL REFERENCES companies(id),
    to_id text NOT NULL REFERENCES companies(id),
    resource_id text NOT NULL REFERENCES resources(id),
    status text NOT NULL,
    start_year integer,
    end_year integer,
    visibility text NOT NULL,
    doc json NOT NULL,
    version integer NOT NULL DEFAULT 1
  );
  CREATE INDEX exchanges_by_from ON exchanges(from_id);
  CREATE INDEX exchanges_by_to ON exchanges(to_id);
  CREATE TABLE impact_figures (
    id text PRIMARY KEY,
    year integer NOT NULL,
    doc json NOT NULL
  );
  CREATE TABLE audit_log (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity text NOT NULL,
    entity_id text NOT NULL,
    before json,
    after json
  );
  CREATE INDEX audit_by_entity ON audit_log(entity_id);
  CREATE TABLE partner_tokens (
    id text PRIMARY KEY,
    company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    label text,
    created_at text NOT NULL,
    created_by text NOT NULL
  );
  CREATE INDEX partner_tokens_by_company ON partner_tokens(company_id);
  -- The data version: one more with every committed change of the data, whichever instance made it. Its
  -- one row is also the write lock every data change takes first (see PostgresStore.write).
  CREATE TABLE data_version (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    version bigint NOT NULL
  );
  INSERT INTO data_version (version) VALUES (1);
  `,
  // 2: what each data version changed, so that an instance behind by a few writes reads those records
  // rather than the whole region. Only the latest versions are kept (see PostgresStore.write).
  `
  CREATE TABLE data_changes (
    version bigint PRIMARY KEY,
    companies text[] NOT NULL,
    exchanges text[] NOT NULL
  );
  `,
  // 3: the secretariat's working records (registrations, pipeline, scenarios): beside the dataset, never in it.
  `
  CREATE TABLE work_records (
    kind text NOT NULL CHECK (kind IN ('registration', 'pipeline', 'scenario')),
    id text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    doc json NOT NULL,
    PRIMARY KEY (kind, id)
  );
  `,
];

export const latestPgSchemaVersion = migrations.length;

/** Held while migrating and seeding, so that instances starting at once on a new database take turns. */
const MIGRATION_LOCK = 'symbiosis-atlas-migrate';

/** PostGIS's own table, which CREATE EXTENSION puts beside ours. */
const FOREIGN_BUT_EXPECTED = ['spatial_ref_sys'];

/**
 * The schema version of the database `client` is connected to (0 = no atlas schema yet), under the migration
 * lock of the transaction it is in. A database that holds other tables but not ours is refused unless
 * `explicitSeed`: it is most likely the wrong database, and seeding it would hide that.
 */
export async function lockAndReadVersion(client: PoolClient, explicitSeed: boolean): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK]);
  const found = await client.query<{ ok: boolean }>(
    "SELECT to_regclass('atlas_schema_migrations') IS NOT NULL AS ok",
  );
  if (found.rows[0]?.ok) {
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0)::integer AS version FROM atlas_schema_migrations',
    );
    const version = rows[0]?.version ?? 0;
    if (version > migrations.length) {
      throw new DataDirError(
        `The database is at schema version ${version}, newer than this server knows (${migrations.length}). ` +
          'Upgrade Symbiosis Atlas or point DATABASE_URL elsewhere.',
      );
    }
    return version;
  }
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
     LIMIT 3`,
    [FOREIGN_BUT_EXPECTED],
  );
  if (rows.length > 0 && !explicitSeed) {
    throw new DataDirError(
      `The database of DATABASE_URL is not empty (${rows.map((row) => row.name).join(', ')}) and holds no ` +
        'Symbiosis Atlas data. Point DATABASE_URL at the right database, or start with ATLAS_SEED=1 to ' +
        'create the atlas in this one from the seed data in geodata/.',
    );
  }
  return 0;
}

/** Brings the database from `from` to the latest version, inside the caller's transaction. */
export async function migratePg(client: PoolClient, from: number): Promise<void> {
  if (from === 0) {
    await client.query(
      'CREATE TABLE atlas_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  }
  for (let version = from; version < migrations.length; version++) {
    await client.query(migrations[version] ?? '');
    await client.query('INSERT INTO atlas_schema_migrations (version) VALUES ($1)', [version + 1]);
  }
}
