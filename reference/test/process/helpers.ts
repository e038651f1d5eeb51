/**
 * What the Process tests share: temporary files, bounded waits, a look at /proc, and parent scripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { Process } from '../../src/index.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../../test-support/repo-paths.js';
import { descendantsOf, isLoaderHelper } from '../../../test-support/no-orphans.js';

/** Bound for what should happen at once (a join after the exit, a signal landing): well under a second idle. */
export const PROMPT_MS = 5000;

/**
 * Bound for a child to start, run a short task and exit. Starting Node with the TypeScript loader takes about
 * half a second idle, and far longer on a busy 2-core machine running other test files (close to 30 s has been
 * seen at a load average of 20).
 */
export const RUN_MS = 60_000;

const PARENT_SCRIPT = modulePath(import.meta.url, '../fixtures/parent');

/** A fresh directory, removed when the test ends. */
export function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; throws, naming `what`, after `withinMs`. */
export async function waitFor(check: () => boolean, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
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

/** Our living descendants, without the TypeScript loader's helper. */
export function children(): number[] {
  return descendantsOf().filter((pid) => !isLoaderHelper(pid));
}

/** Makes sure the test leaves nothing running, whatever happened: kills what is alive and waits for it. */
export function cleanUp(t: ExecutionContext, ...processes: Process[]): void {
  t.teardown(async () => {
    for (const p of processes) {
      try {
        if (p.isAlive()) p.kill();
        if (p.pid !== null) await p.join(PROMPT_MS);
      } catch {
        // Closed or never started: nothing to clean.
      }
    }
  });
}

/** Kills `pid` at the end of the test if it is still there (a grandchild the test could not reach otherwise). */
export function killAtEnd(t: ExecutionContext, pid: () => number | undefined): void {
  t.teardown(() => {
    const target = pid();
    if (target !== undefined && !isGone(target)) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

export interface ScriptExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Date.now() when the exit was seen. */
  readonly at: number;
}

export interface ScriptRun {
  readonly child: ChildProcess;
  /** Settles when the script's process exits (its children may still hold its output open). */
  readonly exited: Promise<ScriptExit>;
  /** Settles when everything that shared the script's stdout and stderr has closed them. */
  readonly output: Promise<{ stdout: string; stderr: string }>;
  /** The first line the script printed; rejects, with its stderr, if it exits first. */
  readonly firstLine: Promise<string>;
}

/** Runs `node fixtures/parent.js <scenario> [file]` (the .ts under tsx) with its output piped. */
export function runParent(t: ExecutionContext, scenario: string, file = ''): ScriptRun {
  return runNodeScript(t, PARENT_SCRIPT, [scenario, file]);
}

/** Runs `script` (a module path of this tree) with `args` and its output piped; killed at the end of the test. */
export function runNodeScript(t: ExecutionContext, script: string, args: string[], env?: NodeJS.ProcessEnv): ScriptRun {
  const child = spawn(process.execPath, nodeArgsFor(script, ...args), {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(env === undefined ? {} : { env }),
  });
  let stdout = '';
  let stderr = '';
  let gotLine: (line: string) => void;
  const line = new Promise<string>((resolve) => (gotLine = resolve));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const end = stdout.indexOf('\n');
    if (end !== -1) gotLine(stdout.slice(0, end));
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<ScriptExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const output = new Promise<{ stdout: string; stderr: string }>((resolve) => {
    child.once('close', () => resolve({ stdout, stderr }));
  });
  const firstLine = Promise.race([
    line,
    exited.then(({ code, signal }) => {
      throw new Error(`the script exited (code ${code}, signal ${signal}) before printing a line; stderr:\n${stderr}`);
    }),
  ]);
  firstLine.catch(() => undefined);
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.race([exited.catch(() => undefined), sleep(PROMPT_MS)]);
  });
  return { child, exited, output, firstLine };
}

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
