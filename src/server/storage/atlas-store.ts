import type { PartnerToken } from '../../domain/api.ts';
import type {
  CompanyFeature,
  CompanyProperties,
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

export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor;
  action: 'create' | 'update' | 'delete';
  entity: 'company' | 'stream' | 'exchange' | 'partner-token';
  entityId: string;
  before: unknown;
  after: unknown;
}

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

/**
 * The storage boundary. Routes and services only ever talk to this interface, so SQLite can be swapped for
 * PostgreSQL/PostGIS without touching them; hence every method is async even though SQLite is not.
 * Every write is one transaction and leaves one audit entry per changed record.
 */
export interface AtlasStore {
  snapshot(): Promise<DatasetSnapshot>;

  createCompany(company: CompanyWrite, actor: Actor): Promise<CompanyFeature>;
  updateCompany(id: string, company: CompanyWrite, actor: Actor): Promise<CompanyFeature>;
  deleteCompany(id: string, actor: Actor): Promise<void>;

  createStream(stream: StreamRecord, actor: Actor): Promise<StreamRecord>;
  updateStream(id: string, stream: StreamRecord, actor: Actor): Promise<StreamRecord>;
  deleteStream(id: string, actor: Actor): Promise<void>;

  createExchange(exchange: Exchange, actor: Actor): Promise<Exchange>;
  updateExchange(id: string, exchange: Exchange, actor: Actor): Promise<Exchange>;

  auditLog(options: { limit: number; entityId?: string }): Promise<AuditEntry[]>;

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
