import type { PartnerToken } from '../../domain/api.ts';
import type {
  CompanyFeature,
  CompanyProperties,
  Dataset,
  Exchange,
  ImpactFigure,
  Resource,
  Stream,
  StreamRecord,
} from '../../domain/schema.ts';

/** Everything the API reads, as one consistent version of the data. */
export interface DatasetSnapshot {
  /** Changes whenever any write commits (in this process or another), so derived caches know when to rebuild. */
  version: string;
  /** Writes this process has committed so far: how far behind a view made from an older snapshot is. */
  writes: number;
  resources: Resource[];
  /** Companies with their streams nested, as in geodata/companies.geojson. */
  companies: CompanyFeature[];
  exchanges: Exchange[];
  impactFigures: ImpactFigure[];
}

/** Company fields without the nested streams, which are written through their own operations. */
export type CompanyFields = Omit<CompanyProperties, 'streams'>;
export interface CompanyWrite {
  properties: CompanyFields;
  location: { lon: number; lat: number };
}

/** Who made a change, for the audit log: `staff`, or `partner:<company id>`. */
export type Actor = string;

/**
 * One change. An update records only the fields it changed (`before` and `after` hold those fields, with
 * their old and new values); a create records the new record, a delete the record as it was. A company's
 * record is its own fields and location, never its streams, which have entries of their own.
 */
export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor;
  action: 'create' | 'update' | 'delete';
  entity: 'company' | 'stream' | 'exchange' | 'partner-token' | WorkKind;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  limit: number;
  entityId?: string;
  /** Only entries older than this entry id: the next page after one whose last entry had this id. */
  before?: number;
}

/**
 * The secretariat's own working records, kept beside the dataset but never part of it: registrations that
 * companies send in, the pipeline of each opportunity, saved what-if scenarios. They are in no snapshot and
 * so in no public or partner answer, and writing one leaves the data version alone (no view is rebuilt).
 * The store keeps each as the JSON document its kind's domain schema validated (src/domain/workbench/);
 * work-records.ts reads them back through that schema.
 */
export const WORK_KINDS = ['registration', 'pipeline', 'scenario'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export type WorkDoc = Record<string, unknown>;

export interface WorkRecord {
  kind: WorkKind;
  id: string;
  /** ISO 8601, from the store's clock: when it was created and when it last changed. */
  createdAt: string;
  updatedAt: string;
  doc: WorkDoc;
}

/** A record with its version: 1 when created, one more with every change (the ETag of the record). */
export interface Versioned<T> {
  record: T;
  version: number;
}

/**
 * An update as a function of the record as it is now: the store runs it inside the write transaction, so
 * that two writers changing different fields of one record both keep their change. It may throw to refuse
 * the change (nothing is written then).
 */
export type Change<T> = (current: T) => T;

/** If-Match: the versions the writer has seen (none matching = the record changed since); absent = any. */
export type ExpectedVersions = readonly number[] | undefined;

/** A partner token as stored: only the SHA-256 of the secret is kept, never the secret itself. */
export interface NewPartnerToken {
  id: string;
  companyId: string;
  label: string | null;
  /** Lower-case hex SHA-256 of the token. */
  tokenHash: string;
}

export type { PartnerToken };

/** A write that would break the data's integrity (unknown reference, duplicate id, dependants). */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

export class StoreNotFoundError extends Error {
  override readonly name = 'StoreNotFoundError';
}

/** The record changed since the version the writer named in If-Match. */
export class StorePreconditionError extends Error {
  override readonly name = 'StorePreconditionError';
  constructor(readonly currentVersion: number) {
    super('The record was changed by someone else since you read it');
  }
}

/**
 * The storage cannot serve the request right now (disk full, file deleted or unwritable, lock held too
 * long): the server answers 503 and says so, and the change was not made.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** Seconds after which trying again may help (a busy lock), or null when someone must act first. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * The storage boundary. Routes and services only ever talk to this interface, so SQLite can be swapped for
 * PostgreSQL/PostGIS without touching them; hence every method is async even though SQLite is not.
 * Every write is one transaction and leaves one audit entry per changed record.
 */
export interface AtlasStore {
  snapshot(): Promise<DatasetSnapshot>;

  /** One record as stored, with its version; null when there is none. */
  company(id: string): Promise<Versioned<CompanyFeature> | null>;
  stream(id: string): Promise<Versioned<StreamRecord> | null>;
  exchange(id: string): Promise<Versioned<Exchange> | null>;
  resources(): Promise<Resource[]>;

  createCompany(company: CompanyWrite, actor: Actor): Promise<Versioned<CompanyFeature>>;
  updateCompany(
    id: string,
    change: Change<CompanyWrite>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<CompanyFeature>>;
  deleteCompany(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void>;

  createStream(stream: StreamRecord, actor: Actor): Promise<Versioned<StreamRecord>>;
  updateStream(
    id: string,
    change: Change<StreamRecord>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<StreamRecord>>;
  deleteStream(id: string, actor: Actor, expected?: ExpectedVersions): Promise<void>;

  createExchange(exchange: Exchange, actor: Actor): Promise<Versioned<Exchange>>;
  updateExchange(
    id: string,
    change: Change<Exchange>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<Exchange>>;

  auditLog(query: AuditQuery): Promise<AuditEntry[]>;

  /** Working records of one kind, oldest first (see WorkRecord). */
  workRecords(kind: WorkKind): Promise<Versioned<WorkRecord>[]>;
  workRecord(kind: WorkKind, id: string): Promise<Versioned<WorkRecord> | null>;
  /** A conflict when the kind already has a record with this id. Audited as a create of `kind`. */
  createWorkRecord(kind: WorkKind, id: string, doc: WorkDoc, actor: Actor): Promise<Versioned<WorkRecord>>;
  /** The change runs inside the write, on the document as stored; audited as an update of the changed fields. */
  updateWorkRecord(
    kind: WorkKind,
    id: string,
    change: Change<WorkDoc>,
    actor: Actor,
    expected?: ExpectedVersions,
  ): Promise<Versioned<WorkRecord>>;

  /** Whether the database can be read and written; the reason when not. */
  health(): Promise<StoreHealth>;

  /** Partner tokens: issuing and revoking are audited (without the hash); neither changes the data version. */
  createPartnerToken(token: NewPartnerToken, actor: Actor): Promise<PartnerToken>;
  listPartnerTokens(): Promise<PartnerToken[]>;
  /** The token with this hash, or null (unknown or revoked). */
  findPartnerToken(tokenHash: string): Promise<PartnerToken | null>;
  deletePartnerToken(id: string, actor: Actor): Promise<void>;

  close(): Promise<void>;
}

export function streamOf(record: StreamRecord): Stream {
  const { companyId: _companyId, ...stream } = record;
  return stream;
}

/** How either store is seeded and told the time: the options both implementations take. */
export interface StoreSeeding {
  /** Loads the seed dataset; called only where there is no atlas yet. */
  seed: () => Promise<Dataset>;
  now?: () => Date;
  /**
   * Create the atlas even where other data is found (the operator's explicit ATLAS_SEED=1); otherwise only
   * an empty place is seeded, so that a lost database is never silently replaced by the demo data.
   */
  explicitSeed?: boolean;
}
