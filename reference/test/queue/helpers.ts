/**
 * What the Queue tests share beyond the Process helpers: a runner for the owner scripts, and reading back
 * what a child wrote.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { ExecutionContext, ImplementationFn } from 'ava';
import { PROMPT_MS, sleep } from '../process/helpers.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../../conformance/harness/repo-paths.js';

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
