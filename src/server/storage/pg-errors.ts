import type pg from 'pg';
import { StoreConflictError, StoreUnavailableError } from './atlas-store.ts';

/** The SQLSTATE of a server error, or the Node error code of a failed connection (ECONNREFUSED, …). */
export function pgCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
/** What the driver says, without a code, when the connection dies or the pool cannot get one in time. */
const CONNECTION_LOST =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/** Seconds after which a lost database server may be back (a restart, a failover). */
const RECONNECT_AFTER_S = 5;

const faults: [RegExp, string, number | null][] = [
  // Serialisation failure, deadlock, a lock held past lock_timeout, a statement past statement_timeout.
  [/^(40001|40P01|55P03|57014)$/, 'the database is busy with other writes; try again in a moment', 1],
  [/^53100$/, "the database server's disk is full", null],
  [/^53/, 'the database server is out of resources (memory or connections)', RECONNECT_AFTER_S],
  [/^25006$/, 'the database is read-only (a standby, or default_transaction_read_only)', null],
  [/^(42501|28)/, 'the database refuses this server (its role lacks a permission, or cannot log in)', null],
  [/^3D000$/, 'the database of DATABASE_URL does not exist', null],
  [/^(08|57P)/, 'the database server cannot be reached or is shutting down', RECONNECT_AFTER_S],
  [/^(58|XX)/, 'the database server failed to read or write its files', null],
];

/** Why the storage, not the request, failed; null for any other error (a constraint, a refusal, a bug). */
function faultOf(error: unknown): { what: string; retryAfterS: number | null; code: string } | null {
  const code = pgCode(error);
  if (code && NETWORK_CODES.has(code)) {
    return { what: 'the database server cannot be reached', retryAfterS: RECONNECT_AFTER_S, code };
  }
  if (code === null) {
    if (error instanceof Error && CONNECTION_LOST.test(error.message)) {
      return {
        what: 'the connection to the database server was lost',
        retryAfterS: RECONNECT_AFTER_S,
        code: 'connection',
      };
    }
    return null;
  }
  const found = faults.find(([pattern]) => pattern.test(code));
  return found ? { what: found[1], retryAfterS: found[2], code } : null;
}

/** A fault someone must fix, as opposed to "busy, try again": health reports it until a write succeeds. */
export function isPgStorageFault(error: unknown): boolean {
  const fault = faultOf(error);
  return fault !== null && fault.retryAfterS !== 1;
}

/**
 * What a failed PostgreSQL call means for the caller, as sqlite-errors.ts says it for SQLite: a unique or
 * foreign key violation is a conflict with the data (409), contention is "try again shortly" (503 with
 * Retry-After), a fault of the server, its disk or the connection is 503. Anything else passes unchanged.
 */
export function pgErrorOf(error: unknown): unknown {
  const code = pgCode(error);
  if (code === '23505') return new StoreConflictError('a record with this id already exists');
  if (code === '23503') {
    return new StoreConflictError(
      'the record refers to a company or resource that does not exist, or is still referred to',
    );
  }
  const fault = faultOf(error);
  if (!fault) return error;
  if (fault.retryAfterS === 1) return new StoreUnavailableError(`The ${fault.what}`, 1);
  return new StoreUnavailableError(
    `The atlas cannot save changes right now: ${fault.what} (${fault.code})`,
    fault.retryAfterS,
  );
}

/**
 * `work` on a connection of the pool, its errors as pgErrorOf says; a connection that failed mid-query is
 * destroyed rather than given back to the pool for the next caller.
 */
export async function withPgClient<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient | null = null;
  try {
    client = await pool.connect();
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client?.release(isPgStorageFault(error) ? (error as Error) : undefined);
    throw pgErrorOf(error);
  }
}
