import type { Versioned, WorkDoc, WorkKind, WorkRecord } from './atlas-store.ts';

/** A row of work_records as both stores read it (SQLite hands the doc as text, PostgreSQL's json parsed). */
export interface WorkRecordRow {
  kind: WorkKind;
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  doc: string | WorkDoc;
}

export const workRecordColumns = 'kind, id, version, created_at, updated_at, doc';

export function workRecordOf(row: WorkRecordRow): Versioned<WorkRecord> {
  return {
    record: {
      kind: row.kind,
      id: row.id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      doc: typeof row.doc === 'string' ? (JSON.parse(row.doc) as WorkDoc) : row.doc,
    },
    version: Number(row.version),
  };
}
