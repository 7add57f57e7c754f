// A throwaway PostgreSQL cluster with PostGIS for the tests and the benchmark: initdb into a temporary
// directory, a server on a free loopback port, a template database with PostGIS from which each test makes
// its own database in a moment. Nothing of it outlives stop().
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A server the tests may create databases on, with PostGIS in `template`. */
export interface PostgresForTests {
  /** A connection URL for an administrative database (`postgres`), where databases are created. */
  adminUrl: string;
  /** Holds PostGIS, so that a database made from it needs no superuser to create the extension. */
  template: string;
}

export interface PostgresCluster extends PostgresForTests {
  stop(): Promise<void>;
}

/** What to do when there is no PostgreSQL to test against: the one line a test run prints. */
export const HOW_TO_RUN_POSTGRES =
  'install PostgreSQL and PostGIS (Debian: apt-get install postgresql postgresql-postgis), or set ' +
  'ATLAS_TEST_DATABASE_URL=postgres://… to a server with PostGIS where that role may create databases';

const TEMPLATE = 'atlas_postgis_template';

/** The newest PostgreSQL's programs: PG_BIN, Debian's /usr/lib/postgresql/<version>/bin, or initdb on PATH. */
async function binDir(): Promise<string | null> {
  const given = process.env.PG_BIN;
  if (given) return existsSync(path.join(given, 'initdb')) ? given : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => existsSync(path.join(debian, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], 'bin');
  }
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    const dir = stdout.trim();
    return existsSync(path.join(dir, 'initdb')) ? dir : null;
  } catch {
    return null;
  }
}

async function hasPostgis(bin: string): Promise<boolean> {
  try {
    const { stdout } = await run(path.join(bin, 'pg_config'), ['--sharedir']);
    return existsSync(path.join(stdout.trim(), 'extension', 'postgis.control'));
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** runuser lives in sbin, which a minimal PATH (a CI job's, `env -i`) may leave out. */
function runuserPath(): string {
  return (
    ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((path) => existsSync(path)) ?? 'runuser'
  );
}

/** initdb and the server refuse to run as root: as root, they run as the `postgres` system user. */
async function runAs(): Promise<{
  wrap: (command: string, args: string[]) => [string, string[]];
  uid: number | null;
}> {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args], uid: null };
  const { stdout } = await run('id', ['-u', 'postgres']);
  const runuser = runuserPath();
  return {
    wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]],
    uid: Number(stdout.trim()),
  };
}

/** Creates the PostGIS template on a server, unless it is there already. */
async function ensureTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = new pg.Client({ connectionString: withDatabase(adminUrl, TEMPLATE) });
  await template.connect();
  try {
    await template.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } finally {
    await template.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A server to test against: the one of ATLAS_TEST_DATABASE_URL when set, else a new throwaway cluster;
 * or why there is none.
 */
export async function startPostgresForTests(): Promise<PostgresCluster | { absent: string }> {
  const given = process.env.ATLAS_TEST_DATABASE_URL;
  if (given) {
    await ensureTemplate(given);
    return { adminUrl: given, template: TEMPLATE, stop: async () => {} };
  }
  const bin = await binDir();
  if (!bin) return { absent: 'PostgreSQL is not installed' };
  if (!(await hasPostgis(bin))) return { absent: `PostgreSQL is installed (${bin}) but PostGIS is not` };
  return startCluster(bin);
}

async function startCluster(bin: string): Promise<PostgresCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atlas-postgres-'));
  const dataDir = path.join(dir, 'data');
  const { wrap, uid } = await runAs();
  if (uid !== null) await chown(dir, uid, 0);
  const exec = (program: string, args: string[]) => {
    const [command, fullArgs] = wrap(path.join(bin, program), args);
    return run(command, fullArgs, { cwd: dir });
  };
  const port = await freePort();
  const user = 'atlas';
  try {
    await exec('initdb', ['-D', dataDir, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Durability is not what these tests are about: without fsync a test database is made in milliseconds.
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await exec('pg_ctl', ['-D', dataDir, '-o', settings, '-l', path.join(dir, 'server.log'), '-w', 'start']);
    const adminUrl = `postgres://${user}@127.0.0.1:${port}/postgres`;
    await ensureTemplate(adminUrl);
    return {
      adminUrl,
      template: TEMPLATE,
      async stop() {
        await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

let databases = 0;

/** A new database with PostGIS on `server`, empty of atlas data; its URL. */
export async function createTestDatabase(server: PostgresForTests): Promise<string> {
  databases++;
  const database = `atlas_test_${process.pid}_${databases}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${server.template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(server.adminUrl, database);
}

/** Drops a test database, closing whatever connections are still open to it. */
export async function dropTestDatabase(server: PostgresForTests, url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
