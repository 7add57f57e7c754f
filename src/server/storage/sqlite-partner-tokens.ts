import type { Database } from 'better-sqlite3';
import type { Actor, NewPartnerToken, PartnerToken } from './atlas-store.ts';
import { type PartnerTokenRow, partnerTokenColumns, partnerTokenOf } from './store-records.ts';

/** The SQL of partner tokens in SQLite; the store runs the writes inside its transactions. */
export function selectPartnerToken(
  db: Database,
  column: 'id' | 'token_hash',
  value: string,
): PartnerToken | null {
  const row = db
    .prepare<[string], PartnerTokenRow>(
      `SELECT ${partnerTokenColumns} FROM partner_tokens WHERE ${column} = ?`,
    )
    .get(value);
  return row ? partnerTokenOf(row) : null;
}

export function selectPartnerTokens(db: Database): PartnerToken[] {
  return db
    .prepare<[], PartnerTokenRow>(`SELECT ${partnerTokenColumns} FROM partner_tokens ORDER BY created_at, id`)
    .all()
    .map(partnerTokenOf);
}

export function insertPartnerToken(db: Database, token: NewPartnerToken, at: string, actor: Actor): void {
  db.prepare(
    `INSERT INTO partner_tokens (id, company_id, token_hash, label, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(token.id, token.companyId, token.tokenHash, token.label, at, actor);
}
