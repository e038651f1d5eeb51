/**
 * The catalog's pool tasks (conformance/harness/implementation.ts TASKS) as plain functions, for the workers of the
 * Node pools the suite maps (piscina, tinypool, poolifier, jest-worker). Each library's worker script registers
 * them its own way; this module knows nothing of any library.
 *
 * A worker is either a child process or a worker thread. In a thread, "its own process" is the pool's whole
 * process (the suite's), so two tasks cannot mean there what they mean in a process:
 * - getPid, workerIdentity and recordInit give process.pid, the parent's pid: a thread has no pid of its own, and
 *   saying so is the honest answer (rules that tell workers apart by pid, or expect separate processes, fail on it:
 *   that is the finding, that a thread pool's workers are not processes);
 * - killSelf cannot send a signal to the thread alone (a signal goes to the whole process, which would end the
 *   suite): the nearest a thread comes to dying abruptly is process.exit() inside it, which ends only that thread,
 *   so killSelf(n) ends the thread with exit status 128 + n, what a shell reports for a process killed by n.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import type { TaskName } from '../../../harness/index.js';

/** The tasks every pool worker here provides: the pool tasks, as the workerpool adapter lists them. */
export const POOL_TASKS = [
  'noop', 'sleepFor', 'exitWith', 'killSelf', 'raiseError', 'square', 'power', 'slowSquare', 'risky', 'getPid',
  'cpuBound', 'raiseTypeError', 'workerIdentity', 'recordInit', 'initValue', 'sleepThenExit',
  'rendezvous', 'scaled', 'raiseAfter', 'writeScaled',
] as const satisfies readonly TaskName[];
export type PoolTask = (typeof POOL_TASKS)[number];

/** An initializer as it travels to a worker (in its environment or the library's worker data). */
export interface InitializerSpec {
  readonly name: PoolTask;
  readonly args: readonly unknown[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Python's ValueError; as for the built-in classes, the name lives on the prototype. */
export class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError', writable: true, configurable: true });

let initStored: unknown = null;

/** The catalog in this worker; `library` names the worker in workerIdentity. */
export function poolTasks(library: string): Record<PoolTask, (...args: never[]) => unknown> {
  const who = isMainThread ? `${library} worker ${process.pid}` : `${library} worker thread ${threadId}`;
  return {
    noop: (_ignored?: unknown) => undefined,
    sleepFor: async (ms: number) => {
      await sleep(ms);
    },
    // In a thread, process.exit() ends the thread with that status (Node's worker_threads), not the process.
    exitWith: (code: number) => process.exit(code),
    killSelf: async (signal: number) => {
      if (isMainThread) process.kill(process.pid, signal);
      else process.exit(128 + signal);
      await sleep(10_000);
    },
    raiseError: (message: string) => {
      throw new ValueError(message);
    },
    square: (x: number) => x * x,
    power: (base: number, exp: number) => base ** exp,
    slowSquare: async (x: number, ms = 300) => {
      await sleep(ms);
      return x * x;
    },
    risky: (x: number) => {
      if (x === 0) throw new ValueError('Cannot process zero!');
      return 100 / x;
    },
    getPid: (_ignored?: unknown) => process.pid,
    cpuBound: (n: number) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += i * i;
      return sum;
    },
    raiseTypeError: (message: string) => {
      throw new TypeError(message);
    },
    // None of these libraries names its workers; a worker ends with its pool's process (a thread always, a child
    // process when its IPC channel closes), which is what daemonic means for a pool worker.
    workerIdentity: (_ignored?: unknown) => ({ name: who, pid: process.pid, daemon: true }),
    recordInit: (path: string, value: unknown) => {
      appendFileSync(path, `${process.pid} ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
      initStored = value;
    },
    initValue: (_ignored?: unknown) => initStored,
    sleepThenExit: async (ms: number, code: number) => {
      await sleep(ms);
      process.exit(code);
    },
    scaled: (x: number, { scale = 1, offset = 0 }: { scale?: number; offset?: number } = {}) => x * scale + offset,
    raiseAfter: async (ms: number, message: string) => {
      await sleep(ms);
      throw new ValueError(message);
    },
    rendezvous: async (dir: string, name: string, count: number, timeoutMs: number) => {
      writeFileSync(join(dir, name), '');
      const deadline = Date.now() + timeoutMs;
      let seen = readdirSync(dir).length;
      while (seen < count && Date.now() < deadline) {
        await sleep(20);
        seen = readdirSync(dir).length;
      }
      return seen;
    },
    // Python's write_scaled(path, x, scale=1, offset=0): keyword arguments come as the last parameter.
    writeScaled: (path: string, x: number, { scale = 1, offset = 0 }: { scale?: number; offset?: number } = {}) => {
      writeFileSync(path, JSON.stringify(x * scale + offset));
    },
  };
}

/** Calls the task `name` of `catalog` with `args`; a name the catalog lacks is thrown as the worker's own error. */
export function callTask(catalog: Record<string, (...args: never[]) => unknown>, name: string, args: readonly unknown[]): unknown {
  const task = catalog[name];
  if (task === undefined) throw new Error(`this worker has no task "${name}"`);
  return (task as (...a: unknown[]) => unknown)(...args);
}

/** The environment variable that carries the initializer to a worker (the workerpool adapter's way too). */
export const INITIALIZER_ENV = 'MULTIPROC_POOL_INITIALIZER';

/** The environment for a pool's workers: the parent's, plus the initializer when there is one. */
export function workerEnv(initializer: TaskName | undefined, initargs: readonly unknown[] | undefined): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (initializer === undefined) return env;
  return { ...env, [INITIALIZER_ENV]: JSON.stringify({ name: initializer, args: initargs ?? [] } satisfies { name: string; args: readonly unknown[] }) };
}

/**
 * Runs the initializer this worker was given, once, as its module loads: how a user of these libraries prepares
 * per-worker state (none has an initializer option but jest-worker, whose adapter uses its setup() instead). A
 * synchronous initializer runs, and throws, at once; an asynchronous one's promise is returned for the worker to await.
 */
export function runInitializer(catalog: Record<string, (...args: never[]) => unknown>): unknown {
  const spec = process.env[INITIALIZER_ENV];
  if (spec === undefined) return undefined;
  const { name, args } = JSON.parse(spec) as InitializerSpec;
  return callTask(catalog, name, args);
}
