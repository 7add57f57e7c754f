import { describe, expect, it } from 'vitest';
import { StoreConflictError, StoreUnavailableError } from './atlas-store.ts';
import { storeErrorOf } from './sqlite-errors.ts';

const sqliteError = (code: string) => Object.assign(new Error(code.toLowerCase()), { code });

describe('what a failed SQLite call tells the caller', () => {
  it('makes a lock held past the busy timeout a "try again shortly", never a 500', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      const error = storeErrorOf(sqliteError(code));
      expect(error, code).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retryAfterS, code).toBe(1);
    }
  });

  it('makes a full, unwritable or damaged store unavailable until someone acts, and says which', () => {
    const cases: [string, RegExp][] = [
      ['SQLITE_FULL', /full/],
      ['SQLITE_READONLY_DBMOVED', /not writable/],
      ['SQLITE_IOERR_WRITE', /reading or writing/],
      ['SQLITE_CORRUPT', /damaged/],
    ];
    for (const [code, message] of cases) {
      const error = storeErrorOf(sqliteError(code));
      expect(error, code).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).message, code).toMatch(message);
      expect((error as StoreUnavailableError).retryAfterS, code).toBeNull();
    }
  });

  it('keeps constraint failures as conflicts with the data, and anything else as it was', () => {
    expect(storeErrorOf(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBeInstanceOf(StoreConflictError);
    const other = new Error('a refusal thrown by a change');
    expect(storeErrorOf(other)).toBe(other);
  });
});
