import { StoreConflictError, StoreUnavailableError } from './atlas-store.ts';

export function sqliteCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** Errors of the disk or the file, not of the request: the write did not happen and cannot until fixed. */
const STORAGE_FAULT = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PERM|PROTOCOL|NOLFS)/;

const faultMessages: [RegExp, string][] = [
  [/^SQLITE_FULL/, 'the disk (or the database size cap ATLAS_MAX_DB_MB) is full'],
  [/^SQLITE_READONLY|^SQLITE_PERM|^SQLITE_CANTOPEN/, 'the data directory or database file is not writable'],
  [/^SQLITE_CORRUPT|^SQLITE_NOTADB/, 'the database file is damaged'],
  [/^SQLITE_IOERR/, 'reading or writing the database file failed'],
];

export function isStorageFault(error: unknown): boolean {
  return STORAGE_FAULT.test(sqliteCode(error) ?? '');
}

/**
 * What a failed SQLite call means for the caller: a constraint is a conflict with the data (409), a lock
 * held too long is "try again shortly" (503 with Retry-After), a fault of the disk or the file is 503 until
 * someone fixes it. Anything else (a refusal thrown by a change, a bug) passes through unchanged.
 */
export function storeErrorOf(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === null) return error;
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new StoreConflictError('a record with this id already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new StoreConflictError(
      'the record refers to a company or resource that does not exist, or is still referred to',
    );
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new StoreUnavailableError('The database is busy with other writes; try again in a moment', 1);
  }
  if (STORAGE_FAULT.test(code)) {
    const what = faultMessages.find(([pattern]) => pattern.test(code))?.[1] ?? 'the storage failed';
    return new StoreUnavailableError(`The atlas cannot save changes right now: ${what} (${code})`);
  }
  return error;
}
