/**
 * `npm run build` once per test run, whichever test files need dist/. The build starts with `rm -rf dist`, so
 * two test files building at once (ava runs files in parallel) would pull dist/ from under each other; and
 * building once saves the second build's ~2 CPU-s. The files of one ava run are children of one ava process:
 * the first to take the lock builds and leaves a stamp naming that process (pid and start time, so a pid
 * reused by a later run does not count); the others wait for the lock, see the stamp, and build nothing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo-paths.js';

const run = promisify(execFile);
const TMP = join(REPO_ROOT, '.tmp');
const LOCK = join(TMP, 'dist-build.lock');
const STAMP = join(TMP, 'dist-built-by');
/** A build takes ~2 s alone; on a saturated 2-core machine much longer. */
const WAIT_MS = 180_000;

/** The environment of a user's shell: no loader, no coverage collection, no npm script variables. */
export function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'NODE_OPTIONS' || name === 'NODE_V8_COVERAGE' || name.startsWith('npm_')) delete env[name];
  }
  return env;
}

/** Builds dist/ unless another file of this test run already did. */
export async function buildDistOnce(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  await takeLock();
  try {
    const thisRun = runId();
    if (readOr(STAMP, '') === thisRun) return;
    await buildDist();
    writeFileSync(STAMP, thisRun);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function buildDist(): Promise<void> {
  await run('npm', ['run', 'build'], { cwd: REPO_ROOT, env: plainEnv(), timeout: 120_000, killSignal: 'SIGKILL' });
}

/** This test run: the ava process that started this file, with its start time from /proc. */
function runId(): string {
  const stat = readOr(`/proc/${process.ppid}/stat`, '');
  const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  return `${process.ppid}:${startTime}`;
}

async function takeLock(): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder killed mid-build (a test run stopped with Ctrl-C) leaves its lock: take it over.
    const holder = Number(readOr(join(LOCK, 'pid'), 'NaN'));
    if (Number.isInteger(holder) && !alive(holder)) rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS} ms for ${LOCK} (held by pid ${holder}); remove it if no test runs`);
    await sleep(100);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}
