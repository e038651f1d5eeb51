/**
 * What the Queue tests share beyond the Process helpers: a runner for the owner scripts, and reading back
 * what a child wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { ExecutionContext, ImplementationFn } from 'ava';
import { PROMPT_MS, RUN_MS, sleep, waitFor, within } from '../process/helpers.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../../test-support/repo-paths.js';

export { children, cleanUp, isGone, PROMPT_MS, RUN_MS, sleep, tempDir, waitFor, within } from '../process/helpers.js';

const SCRIPT = modulePath(import.meta.url, './fixtures/queue-scripts');

export interface ScriptRun {
  readonly child: ChildProcess;
  /** Settles when the script's process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Everything printed so far, as parsed JSON lines. */
  lines(): unknown[];
  readonly stderr: () => string;
}

/**
 * Runs `node --import tsx fixtures/queue-scripts.ts <scenario> [file]`, killed at the end of the test if still
 * there. With `tmpdir`, the script (and its children) make their socket directories there, so one the script
 * could not remove (SIGKILL) goes with the test's own temporary directory.
 */
export function runScript(t: ExecutionContext, scenario: string, file = '', tmpdir?: string): ScriptRun {
  return runScriptWith(t, scenario, file, tmpdir === undefined ? process.env : { ...process.env, TMPDIR: tmpdir });
}

/** runScript with the environment given whole (TMPDIR, TEMP and TMP as a test needs them). */
export function runScriptWith(t: ExecutionContext, scenario: string, file: string, env: NodeJS.ProcessEnv): ScriptRun {
  const child = spawn(process.execPath, nodeArgsFor(SCRIPT, scenario, file), {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.race([exited.catch(() => undefined), sleep(PROMPT_MS)]);
  });
  return {
    child,
    exited,
    lines: () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as unknown),
    stderr: () => stderr,
  };
}

/** The JSON a child wrote to `file`, or undefined while there is none (or it is half written). */
export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The values a child wrote to `file` with v8.serialize. */
export function readSerialized<T>(file: string): T {
  return deserialize(readFileSync(file)) as T;
}

/**
 * Lets at most `slots` of the wrapped tests run at once. Each test here starts several Node children; a file
 * starting them all together on a loaded 2-core machine pushed child start-up past a minute.
 */
export function limited(slots: number): (fn: (t: ExecutionContext) => Promise<void>) => ImplementationFn<[]> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return (fn) => async (t) => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      await fn(t);
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/**
 * The environment of a script whose temporary directory is `tmpdir` (TEMP and TMP unset, so the candidates
 * after TMPDIR are the system's). tsx's cache lives in the temporary directory too: without it tsx still runs.
 */
export function envWith(tmpdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpdir, TSX_DISABLE_CACHE: '1' };
  delete env['TEMP'];
  delete env['TMP'];
  return env;
}

/** What the share-with-child script prints. */
export interface Shared {
  readonly path: string;
  readonly dir: string;
  readonly mode: number;
  readonly item: [number, number, number];
  readonly exitCode: number;
}

/** Runs the share-with-child script with `tmpdir` and returns what it printed, after it exited 0. */
export async function shareWithChild(t: ExecutionContext, tmpdir: string): Promise<Shared> {
  const run = runScriptWith(t, 'share-with-child', '', envWith(tmpdir));
  const exit = await within(run.exited, RUN_MS, 'the script sharing a queue with its child');
  t.is(exit.code, 0, run.stderr());
  return run.lines()[0] as Shared;
}

/** The first line a script printed, once there is one. */
export async function firstLine<T>(run: ScriptRun, what: string): Promise<T> {
  await within(waitFor(() => run.lines().length > 0, RUN_MS, what), RUN_MS + 1000, what);
  return run.lines()[0] as T;
}

/** The names in `dir` that look like a host's socket directory. */
export function socketDirsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('multiproc-') && !name.startsWith('multiproc-test-'));
}
