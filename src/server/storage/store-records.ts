import type { CompanyFeature } from '../../domain/schema.ts';
import {
  type Actor,
  type AuditEntry,
  type CompanyWrite,
  type ExpectedVersions,
  type PartnerToken,
  StorePreconditionError,
} from './atlas-store.ts';
import { auditDiff } from './audit-diff.ts';

// How records are shaped for storage, the same in every store: what a company's write and audit record
// hold, a partner token's row, and how a cached snapshot takes in the records one write changed.

/** A company as written: its fields and location, without the streams nested in a feature. */
export function writeOf(feature: CompanyFeature): CompanyWrite {
  const { streams: _streams, ...properties } = feature.properties;
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  return { properties, location: { lon, lat } };
}

/** What the audit log keeps of a company: its own fields, location included, never its streams. */
export function companyDoc(company: CompanyWrite): Record<string, unknown> {
  return { ...company.properties, location: company.location };
}

export interface PartnerTokenRow {
  id: string;
  company_id: string;
  label: string | null;
  created_at: string;
  created_by: string;
}

export const partnerTokenColumns = 'id, company_id, label, created_at, created_by';

export function partnerTokenOf(row: PartnerTokenRow): PartnerToken {
  return {
    id: row.id,
    companyId: row.company_id,
    label: row.label,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export interface Touched {
  companies: string[];
  exchanges: string[];
}

/**
 * A copy of `sorted` (by id, as the database orders them) with the records of `ids` as `read` finds them now:
 * replaced, inserted in order, or left out when gone.
 */
export function replaceById<T>(
  sorted: readonly T[],
  ids: readonly string[],
  read: (id: string) => T | null,
  idOf: (record: T) => string,
): T[] {
  const result = [...sorted];
  for (const id of new Set(ids)) {
    let low = 0;
    let high = result.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (idOf(result[middle] as T) < id) low = middle + 1;
      else high = middle;
    }
    const found = low < result.length && idOf(result[low] as T) === id;
    const record = read(id);
    if (record) result.splice(low, found ? 1 : 0, record);
    else if (found) result.splice(low, 1);
  }
  return result;
}

export function checkExpected(expected: ExpectedVersions, version: number): void {
  if (expected !== undefined && !expected.includes(version)) throw new StorePreconditionError(version);
}

/**
 * The audit_log row of one change, in column order (at, actor, action, entity, entity_id, before, after):
 * an update keeps only the fields it changed, and one that changed nothing leaves no row (null).
 */
export function auditRowValues(
  at: string,
  actor: Actor,
  action: AuditEntry['action'],
  entity: AuditEntry['entity'],
  id: string,
  before: unknown,
  after: unknown,
): (string | null)[] | null {
  if (action === 'update') {
    const diff = auditDiff(before as Record<string, unknown>, after as Record<string, unknown>);
    if (!diff) return null;
    ({ before, after } = diff);
  }
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return [at, actor, action, entity, id, json(before), json(after)];
}
