import type { PoolClient } from 'pg';
import type { Versioned, WorkDoc, WorkKind, WorkRecord } from './atlas-store.ts';
import { type WorkRecordRow, workRecordColumns, workRecordOf } from './work-record-rows.ts';

/** The SQL of the working records in PostgreSQL; the store runs these inside its reads and write transactions. */
export async function selectWorkRecordsPg(db: PoolClient, kind: WorkKind): Promise<Versioned<WorkRecord>[]> {
  const { rows } = await db.query<WorkRecordRow>(
    `SELECT ${workRecordColumns} FROM work_records WHERE kind = $1 ORDER BY created_at, id COLLATE "C"`,
    [kind],
  );
  return rows.map(workRecordOf);
}

/** `forUpdate` holds the row until the transaction ends, so two writers of one record take turns. */
export async function selectWorkRecordPg(
  db: PoolClient,
  kind: WorkKind,
  id: string,
  forUpdate = false,
): Promise<Versioned<WorkRecord> | null> {
  const { rows } = await db.query<WorkRecordRow>(
    `SELECT ${workRecordColumns} FROM work_records WHERE kind = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [kind, id],
  );
  return rows[0] ? workRecordOf(rows[0]) : null;
}

export async function insertWorkRecordPg(
  db: PoolClient,
  kind: WorkKind,
  id: string,
  doc: WorkDoc,
  at: string,
): Promise<void> {
  await db.query(
    'INSERT INTO work_records (kind, id, created_at, updated_at, doc) VALUES ($1, $2, $3, $3, $4)',
    [kind, id, at, JSON.stringify(doc)],
  );
}

export async function updateWorkRecordDocPg(
  db: PoolClient,
  kind: WorkKind,
  id: string,
  doc: WorkDoc,
  at: string,
): Promise<void> {
  await db.query(
    'UPDATE work_records SET doc = $1, updated_at = $2, version = version + 1 WHERE kind = $3 AND id = $4',
    [JSON.stringify(doc), at, kind, id],
  );
}
