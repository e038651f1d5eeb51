/**
 * What the Pool tests share: bounded waits, a look at /proc, worker pids, temporary files and parent scripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { Pool } from '../../src/index.js';
import { pidAfter } from './fixtures/pool-tasks.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../../test-support/repo-paths.js';

/** Bound for what should happen at once once the pool is up (a result, a rejection, an exit). */
export const PROMPT_MS = 5000;

/**
 * Bound for a pool to start its workers and run a little work. Starting Node with the TypeScript loader takes
 * about half a second idle, much longer on a busy 2-core machine running other test files.
 */
export const RUN_MS = 60_000;

const SCRIPT = modulePath(import.meta.url, './fixtures/pool-scripts');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with a message naming `what` when `promise` takes longer than `withinMs`. */
export async function within<T>(promise: Promise<T>, withinMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${withinMs} ms`)), withinMs);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` (which may ask Redis, say) until it holds; throws, naming `what`, after `withinMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw new Error(`gave up after ${withinMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** True when `pid` has exited (gone from /proc, or a zombie nobody has reaped yet). */
export function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** The pids of the pool's workers, found by running tasks until each of `processes` workers answered. */
export async function workerPids(pool: Pool, processes = pool.processes): Promise<number[]> {
  const seen = new Set<number>();
  for (let round = 0; seen.size < processes; round++) {
    if (round === 20) throw new Error(`only ${seen.size} of ${processes} workers answered in 20 rounds`);
    const pids = await within(pool.map(pidAfter, new Array<number>(processes * 2).fill(50), 1), RUN_MS, 'pidAfter');
    for (const pid of pids) seen.add(pid);
  }
  return [...seen].sort((a, b) => a - b);
}

/** Terminates `pool` when the test ends, whatever happened, and waits (bounded) for its workers. */
export function cleanUp(t: ExecutionContext, ...pools: Pool[]): void {
  t.teardown(async () => {
    for (const pool of pools) {
      pool.terminate();
      await within(pool.join(), PROMPT_MS, 'join() after terminate() in teardown').catch(() => undefined);
    }
  });
}

/**
 * A fresh directory, removed when the test ends. Teardowns run last-registered first, so a pool's workers may
 * still be writing here (a task told to stop writes what it saw, and a worker past its grace is only then
 * stopped): the removal retries for up to REMOVE_MS rather than fail the test. Node's own maxRetries gave up
 * after 5.5 s on a machine at load 55 (ENOTEMPTY in pool-timeout's teardown).
 */
export function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-pool-test-'));
  t.teardown(async () => {
    const deadline = Date.now() + REMOVE_MS;
    for (;;) {
      try {
        return rmSync(dir, { recursive: true, force: true });
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await sleep(100);
      }
    }
  });
  return dir;
}

const REMOVE_MS = 30_000;

/** Lines of a file, or none when it does not exist yet. */
export function linesOf(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  } catch {
    return [];
  }
}

export interface ScriptRun<R = unknown> {
  readonly child: ChildProcess;
  /** The first line the script printed, parsed as JSON (of the shape the caller says the script prints). */
  readonly report: Promise<R>;
  /** Settles when the script's process exits; `at` is Date.now() then. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stderr(): string;
}

/**
 * Runs `node fixtures/pool-scripts.js <scenario> [args…]` (the .ts under tsx), or another fixture script given as
 * `script`; the test kills it at the end if it still runs.
 */
export function runScript<R = unknown>(t: ExecutionContext, scenario: string, options: { script?: string; args?: readonly string[] } = {}): ScriptRun<R> {
  const child = spawn(process.execPath, nodeArgsFor(options.script ?? SCRIPT, scenario, ...(options.args ?? [])), {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let gotLine: (line: string) => void;
  const line = new Promise<string>((resolve) => (gotLine = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const end = stdout.indexOf('\n');
    if (end !== -1) gotLine(stdout.slice(0, end));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const report = Promise.race([
    line.then((text) => JSON.parse(text) as R),
    exited.then(({ code, signal }) => {
      throw new Error(`the script exited (code ${code}, signal ${signal}) before reporting; stderr:\n${stderr}`);
    }),
  ]);
  report.catch(() => undefined);
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.race([exited.catch(() => undefined), sleep(PROMPT_MS)]);
  });
  return { child, report, exited, stderr: () => stderr };
}

/** The state letter of `pid` in /proc ('R' running, 'S' sleeping, 'T' stopped, 'Z' zombie), '' once gone. */
export function stateOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2);
  } catch {
    return '';
  }
}

/**
 * SIGKILLs `victim` while `log` (lines `pid index start|end`, as logThenSpin writes) shows it inside a task,
 * and returns that task's index. The worker is stopped first, so that what the log says still holds when the
 * kill lands, however busy the machine.
 */
export async function killInsideATask(victim: number, log: string): Promise<number> {
  const deadline = Date.now() + RUN_MS;
  while (Date.now() < deadline) {
    process.kill(victim, 'SIGSTOP');
    await waitFor(() => stateOf(victim) === 'T', PROMPT_MS, `worker ${victim} to stop`);
    const open = new Set<number>();
    for (const line of linesOf(log)) {
      const [pid, index, what] = line.split(' ');
      if (Number(pid) !== victim) continue;
      if (what === 'start') open.add(Number(index));
      else open.delete(Number(index));
    }
    if (open.size > 0) {
      process.kill(victim, 'SIGKILL');
      return [...open][0]!;
    }
    process.kill(victim, 'SIGCONT');
    await sleep(1);
  }
  throw new Error(`worker ${victim} was never seen inside a task`);
}

