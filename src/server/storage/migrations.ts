import type { Database } from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in PRAGMA user_version. Never edit a released migration:
 * add the next one. Records are stored as validated JSON documents, with the columns that queries and
 * integrity need (ids, references, status) pulled out beside them.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  );
  CREATE TABLE companies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    municipality TEXT,
    role TEXT NOT NULL,
    visibility TEXT NOT NULL,
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    doc TEXT NOT NULL CHECK (json_valid(doc))
  );
  CREATE TABLE streams (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('output', 'input')),
    resource_id TEXT NOT NULL REFERENCES resources(id),
    visibility TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  );
  CREATE INDEX streams_by_company ON streams(company_id, position);
  CREATE INDEX streams_by_resource ON streams(resource_id);
  CREATE TABLE exchanges (
    id TEXT PRIMARY KEY,
    from_id TEXT NOT NULL REFERENCES companies(id),
    to_id TEXT NOT NULL REFERENCES companies(id),
    resource_id TEXT NOT NULL REFERENCES resources(id),
    status TEXT NOT NULL,
    start_year INTEGER,
    end_year INTEGER,
    visibility TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  );
  CREATE INDEX exchanges_by_from ON exchanges(from_id);
  CREATE INDEX exchanges_by_to ON exchanges(to_id);
  CREATE TABLE impact_figures (
    id TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
  );
  CREATE INDEX audit_by_entity ON audit_log(entity_id);
  `,
  // 2: partner tokens. Only the SHA-256 of a token is stored; a company's tokens go with the company.
  `
  CREATE TABLE partner_tokens (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    label TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX partner_tokens_by_company ON partner_tokens(company_id);
  `,
  // 3: a version per record, for optimistic concurrency (ETag / If-Match); one more with every change.
  `
  ALTER TABLE companies ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE streams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE exchanges ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  `,
  // 4: the secretariat's working records (registrations, pipeline, scenarios): beside the dataset, never in it.
  `
  CREATE TABLE work_records (
    kind TEXT NOT NULL CHECK (kind IN ('registration', 'pipeline', 'scenario')),
    id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    doc TEXT NOT NULL CHECK (json_valid(doc)),
    PRIMARY KEY (kind, id)
  );
  `,
];

export const latestSchemaVersion = migrations.length;

/** Brings the database to the latest version; returns the version it started from (0 = new database). */
export function migrate(db: Database): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) {
    throw new Error(
      `The database is at schema version ${from}, newer than this server knows (${migrations.length}). ` +
        'Upgrade Symbiosis Atlas or point DATA_DIR elsewhere.',
    );
  }
  for (let version = from; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return from;
}
