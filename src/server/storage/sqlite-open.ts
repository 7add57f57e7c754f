import { type Stats, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DataDirError } from './data-dir.ts';
import { sqliteCode } from './sqlite-errors.ts';

export type FileIdentity = Pick<Stats, 'dev' | 'ino'>;

/** Exclusive locking, WAL, foreign keys; an unreadable or foreign file is refused with the reason. */
export function openDatabase(file: string, maxBytes: number | undefined): Database {
  const db = new BetterSqlite3(file);
  try {
    // Exclusive before WAL: SQLite then keeps the WAL index in this process's memory instead of a shared
    // -shm file (which, mapped into memory, kills the process with SIGBUS when it cannot be written), and
    // holds the database for this one connection, so no second process can write behind our back.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    if (maxBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
    }
    if (file !== ':memory:') {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new DataDirError(`${file} is damaged (${String(check)})`);
    }
    const version = db.pragma('user_version', { simple: true });
    const tables = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sqlite_master').get()?.n ?? 0;
    if (version === 0 && tables > 0) {
      throw new DataDirError(`${file} is a SQLite database, but not one of Symbiosis Atlas`);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DataDirError) throw error;
    const code = sqliteCode(error);
    if (code?.startsWith('SQLITE_BUSY')) {
      throw new DataDirError(`${file} is held by another process (SQLite lock); stop that server first`);
    }
    if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
      throw new DataDirError(`${file} is not a readable database (${code}); restore it from a backup`);
    }
    throw error;
  }
}

export function fileIdentity(file: string): FileIdentity | null {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? { dev: info.dev, ino: info.ino } : null;
}
