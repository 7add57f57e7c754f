import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where SQLite and other state live; never inside the repository's tracked files. */
  dataDir: string;
  /**
   * DATABASE_URL (postgres://…): the PostgreSQL database that several instances can share; null = SQLite in
   * dataDir, one server per directory.
   */
  databaseUrl: string | null;
  /** The built client (vite build output). */
  clientDir: string;
  /** Committed basemap GeoJSON (and the git-ignored `dagi/` subfolder written by the build). */
  geodataDir: string;
  /** ATLAS_STAFF_TOKEN: the bearer token that lets secretariat staff write; unset = read-only API. */
  staffToken: string | undefined;
  /** ATLAS_CONTACT_EMAIL: the secretariat's address for the partner finder's contact links. */
  contactEmail: string | null;
  /** ATLAS_SEED=1: create a new database from the seed even in a data directory that is not empty. */
  explicitSeed: boolean;
  /** ATLAS_MAX_DB_MB: a cap on the database's size; writes beyond it answer 503. */
  maxDatabaseBytes: number | undefined;
  limits: ServerLimits;
}

/** What one caller may ask of a server on a network; null = no rate limit (loopback use, tests, bench). */
export interface RateLimits {
  /** Writes per minute per token (or per address for calls without one). */
  writesPerMinute: number;
  /** Anonymous reads per minute per address of the endpoints that compute or export a lot. */
  heavyReadsPerMinute: number;
}

export interface ServerLimits {
  /** The whole request head must arrive within this (slow-loris headers). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections served at once; more are refused, so that file descriptors never run out. */
  maxConnections: number;
  rate: RateLimits | null;
}

export class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function parseContactEmail(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim())) {
    throw new ConfigError(`ATLAS_CONTACT_EMAIL must be an e-mail address, got "${raw}"`);
  }
  return raw.trim();
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//.test(raw.trim())) {
    // Never echo the value: it usually holds a password.
    throw new ConfigError(
      'DATABASE_URL must be a PostgreSQL connection URL (postgres://user:password@host/db)',
    );
  }
  return raw.trim();
}

function parseStaffToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // A short token can be guessed; refuse to start rather than run with a weak lock.
  if (raw.length < 16) throw new ConfigError('ATLAS_STAFF_TOKEN must be at least 16 characters long');
  return raw;
}

function parseNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} must be a number of at least ${min}, got "${raw}"`);
  }
  return value;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * Rate limits are on wherever the atlas serves a network and off on loopback, where the only callers are
 * the operator, the tests and the benchmark; ATLAS_RATE_LIMIT=on|off overrides either way.
 */
function parseRateLimits(env: NodeJS.ProcessEnv, host: string): RateLimits | null {
  const switch_ = env.ATLAS_RATE_LIMIT?.trim().toLowerCase() ?? '';
  if (!['', 'on', 'off'].includes(switch_)) {
    throw new ConfigError(`ATLAS_RATE_LIMIT must be "on" or "off", got "${env.ATLAS_RATE_LIMIT}"`);
  }
  if (switch_ === 'off' || (switch_ === '' && isLoopback(host))) return null;
  return {
    writesPerMinute: parseNumber('ATLAS_WRITES_PER_MINUTE', env.ATLAS_WRITES_PER_MINUTE, 120, 1),
    heavyReadsPerMinute: parseNumber(
      'ATLAS_HEAVY_READS_PER_MINUTE',
      env.ATLAS_HEAVY_READS_PER_MINUTE,
      300,
      1,
    ),
  };
}

export function readConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  // Loopback by default: exposing the atlas on a network is a decision the operator makes explicitly.
  const host = env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1';
  const maxDatabaseMb = parseNumber('ATLAS_MAX_DB_MB', env.ATLAS_MAX_DB_MB, 0, 0);
  return {
    port: parsePort(env.PORT),
    host,
    dataDir: path.resolve(cwd, env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : 'data'),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    clientDir: path.resolve(cwd, 'dist'),
    geodataDir: path.resolve(cwd, 'geodata'),
    staffToken: parseStaffToken(env.ATLAS_STAFF_TOKEN),
    contactEmail: parseContactEmail(env.ATLAS_CONTACT_EMAIL),
    explicitSeed: env.ATLAS_SEED === '1',
    maxDatabaseBytes: maxDatabaseMb > 0 ? Math.round(maxDatabaseMb * 1024 * 1024) : undefined,
    limits: {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: parseNumber('ATLAS_MAX_CONNECTIONS', env.ATLAS_MAX_CONNECTIONS, 512, 1),
      rate: parseRateLimits(env, host),
    },
  };
}
