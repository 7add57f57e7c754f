import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where SQLite and other state live; never inside the repository's tracked files. */
  dataDir: string;
  /** The built client (vite build output). */
  clientDir: string;
  /** Committed basemap GeoJSON (and the git-ignored `dagi/` subfolder written by the build). */
  geodataDir: string;
  /** ATLAS_STAFF_TOKEN: the bearer token that lets secretariat staff write; unset = read-only API. */
  staffToken: string | undefined;
  /** ATLAS_CONTACT_EMAIL: the secretariat's address for the partner finder's contact links. */
  contactEmail: string | null;
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

function parseStaffToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  // A short token can be guessed; refuse to start rather than run with a weak lock.
  if (raw.length < 16) throw new ConfigError('ATLAS_STAFF_TOKEN must be at least 16 characters long');
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  return {
    port: parsePort(env.PORT),
    // Loopback by default: exposing the atlas on a network is a decision the operator makes explicitly.
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : 'data'),
    clientDir: path.resolve(cwd, 'dist'),
    geodataDir: path.resolve(cwd, 'geodata'),
    staffToken: parseStaffToken(env.ATLAS_STAFF_TOKEN),
    contactEmail: parseContactEmail(env.ATLAS_CONTACT_EMAIL),
  };
}
