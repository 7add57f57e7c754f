import type { Database } from 'better-sqlite3';
import type { Versioned, WorkDoc, WorkKind, WorkRecord } from './atlas-store.ts';
import { type WorkRecordRow, workRecordColumns, workRecordOf } from './work-record-rows.ts';

/** The SQL of the working records in SQLite; the store runs these inside its reads and write transactions. */
export function selectWorkRecords(db: Database, kind: WorkKind): Versioned<WorkRecord>[] {
  return db
    .prepare<[string], WorkRecordRow>(
      `SELECT ${workRecordColumns} FROM work_records WHERE kind = ? ORDER BY created_at, id`,
    )
    .all(kind)
    .map(workRecordOf);
}

export function selectWorkRecord(db: Database, kind: WorkKind, id: string): Versioned<WorkRecord> | null {
  const row = db
    .prepare<[string, string], WorkRecordRow>(
      `SELECT ${workRecordColumns} FROM work_records WHERE kind = ? AND id = ?`,
    )
    .get(kind, id);
  return row ? workRecordOf(row) : null;
}

export function insertWorkRecord(db: Database, kind: WorkKind, id: string, doc: WorkDoc, at: string): void {
  db.prepare('INSERT INTO work_records (kind, id, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?)').run(
    kind,
    id,
    at,
    at,
    JSON.stringify(doc),
  );
}

export function updateWorkRecordDoc(
  db: Database,
  kind: WorkKind,
  id: string,
  doc: WorkDoc,
  at: string,
): void {
  db.prepare(
    'UPDATE work_records SET doc = ?, updated_at = ?, version = version + 1 WHERE kind = ? AND id = ?',
  ).run(JSON.stringify(doc), at, kind, id);
}
