import { describe, expect, it } from 'vitest';
import { StoreConflictError, StoreUnavailableError } from './atlas-store.ts';
import { pgErrorOf } from './pg-errors.ts';

const pgError = (code: string, message = `error ${code}`) => Object.assign(new Error(message), { code });

describe('what a failed PostgreSQL call tells the caller', () => {
  it('makes contention (a serialisation failure, a deadlock, a lock or statement timeout) a "try again shortly"', () => {
    for (const code of ['40001', '40P01', '55P03', '57014']) {
      const error = pgErrorOf(pgError(code));
      expect(error, code).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retryAfterS, code).toBe(1);
    }
  });

  it('makes a full disk, a read-only database or a lost server unavailable, and says which', () => {
    const cases: [Error, RegExp, number | null][] = [
      [pgError('53100'), /disk is full/, null],
      [pgError('25006'), /read-only/, null],
      [pgError('57P01'), /cannot be reached or is shutting down/, 5],
      [pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), /cannot be reached/, 5],
      [new Error('Connection terminated unexpectedly'), /connection .* was lost/, 5],
    ];
    for (const [cause, message, retryAfterS] of cases) {
      const error = pgErrorOf(cause);
      expect(error, cause.message).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).message, cause.message).toMatch(message);
      expect((error as StoreUnavailableError).retryAfterS, cause.message).toBe(retryAfterS);
    }
  });

  it('keeps unique and foreign key violations as conflicts with the data, and anything else as it was', () => {
    expect(pgErrorOf(pgError('23505'))).toBeInstanceOf(StoreConflictError);
    expect(pgErrorOf(pgError('23503'))).toBeInstanceOf(StoreConflictError);
    const other = new Error('a refusal thrown by a change');
    expect(pgErrorOf(other)).toBe(other);
  });
});
