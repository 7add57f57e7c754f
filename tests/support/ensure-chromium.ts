/**
 * `npm test` drives Debian's Chromium (never a downloaded browser). Runs before the tests: finds it, or
 * installs it with apt where that is possible, or stops with a message saying how to get it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.ts';

function canUseApt(): boolean {
  return existsSync('/usr/bin/apt-get') && typeof process.getuid === 'function' && process.getuid() === 0;
}

function install(): void {
  console.log('Chromium is missing: installing Debian\'s "chromium" package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

const browser = chromiumPath();
if (!existsSync(browser)) {
  if (canUseApt()) {
    install();
  } else {
    console.error(`Chromium was not found at ${browser}. The browser tests need Debian's Chromium:`);
    console.error('  sudo apt-get update && sudo apt-get install chromium');
    console.error('or set CHROMIUM_PATH to a Chromium binary.');
    process.exit(1);
  }
}
const version = spawnSync(browser, ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error(`${browser} does not run: ${version.stderr || version.error?.message}`);
  process.exit(1);
}
console.log(`Browser tests will use ${version.stdout.trim()}`);
