import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** Why the store cannot open its data directory; the server prints the message and does not start. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export const DATABASE_FILE = 'atlas.sqlite';
const LOCK_FILE = 'atlas.lock';
/**
 * Written once the first seed has committed. A directory holding it but no database has lost its database
 * (deleted, a failed restore, a wrong mount): starting over from the seed would hide that loss, so the
 * server refuses.
 */
const MARKER_FILE = 'atlas-data.json';

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds `dataDir` for this process: a lock file with our pid, made with O_EXCL so that of two servers
 * starting at once exactly one gets it. A lock left by a process that no longer runs (kill -9, a crash)
 * is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    if (isRunning(holder)) {
      const who =
        holder === process.pid ? 'this process (a store is already open on it)' : `process ${holder}`;
      throw new DataDirError(
        `The data directory ${dataDir} is in use by ${who}. Stop that server first, or give this one its ` +
          `own DATA_DIR: two servers on one database would overwrite each other's changes.`,
      );
    }
    unlinkSync(file);
  }
  throw new DataDirError(`Could not take the lock ${file}; another server may be starting on it`);
}

/**
 * Whether the database may be created and seeded here: only in a new, empty data directory (or when the
 * operator asks for it explicitly), never in one that held a database before.
 */
export function checkSeedable(dataDir: string, explicitSeed: boolean): void {
  if (existsSync(path.join(dataDir, DATABASE_FILE))) return;
  const others = readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
  if (others.length === 0 || explicitSeed) return;
  const lost = others.includes(MARKER_FILE)
    ? `held a Symbiosis Atlas database, but ${DATABASE_FILE} is missing`
    : `is not empty (${others.slice(0, 3).join(', ')}) and has no ${DATABASE_FILE}`;
  throw new DataDirError(
    `The data directory ${dataDir} ${lost}. Restore ${DATABASE_FILE} from a backup, or start with ` +
      'ATLAS_SEED=1 to create a new database from the seed data in geodata/ (the old data is not in it).',
  );
}

export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
}

export function markSeeded(dataDir: string, at: Date): void {
  const file = path.join(dataDir, MARKER_FILE);
  if (existsSync(file)) return;
  const fd = openSync(file, 'w');
  writeSync(
    fd,
    `${JSON.stringify({
      seededAt: at.toISOString(),
      note: `${DATABASE_FILE} in this directory is the atlas's data: back it up, never delete it while the server runs`,
    })}\n`,
  );
  closeSync(fd);
}
