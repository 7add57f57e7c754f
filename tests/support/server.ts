import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningServer {
  origin: string;
  dataDir: string;
  /** The server's process, e.g. for the benchmark to read how much CPU it used. */
  pid: number | undefined;
  /** Everything the server printed so far (stdout and stderr), e.g. to check a log line. */
  output(): string;
  stop(): Promise<void>;
}

const projectRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Starts the production server exactly as `npm start` does after its build step (the build itself is done
 * once by `npm test` before the tests), on a free port and with a scratch data directory.
 */
export async function startServer(
  env: NodeJS.ProcessEnv = {},
  /** Reuse a data directory (e.g. to restart on the same database); it is then left in place on stop. */
  existingDataDir?: string,
): Promise<RunningServer> {
  const dataDir = existingDataDir ?? (await mkdtemp(path.join(tmpdir(), 'symbiosis-atlas-test-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const origin = await waitForListening(child);
  return {
    origin,
    dataDir,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!existingDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The origin a child process prints as "… listening on http://…" once it serves. */
export function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited with code ${code}:\n${output}`)));
  });
}
