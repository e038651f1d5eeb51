/**
 * The workerpool worker: the catalog's pool tasks (conformance/harness/implementation.ts TASKS), registered with
 * workerpool.worker(). Started by workerpool with `workerType: 'process'` (child_process.fork) under tsx.
 *
 * The initializer is not a workerpool feature: the adapter passes it in the worker's environment
 * (forkOpts.env), and this script runs it once at start-up, before registering the tasks, which is how a
 * workerpool user prepares per-worker state.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import workerpool from 'workerpool';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Python's ValueError; as for the built-in classes, the name lives on the prototype. */
class ValueError extends Error {}
Object.defineProperty(ValueError.prototype, 'name', { value: 'ValueError', writable: true, configurable: true });

let initStored: unknown = null;

const catalog = {
  noop: (_ignored?: unknown) => undefined,
  sleepFor: async (ms: number) => {
    await sleep(ms);
  },
  exitWith: (code: number) => process.exit(code),
  killSelf: async (signal: number) => {
    process.kill(process.pid, signal);
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
  // workerpool names no process; a process worker exits when its parent goes away (worker.js listens for
  // 'disconnect'), which is what daemonic means for a pool worker.
  workerIdentity: (_ignored?: unknown) => ({ name: `workerpool worker ${process.pid}`, pid: process.pid, daemon: true }),
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
} satisfies Record<string, (...args: never[]) => unknown>;

const init = process.env.MULTIPROC_WORKERPOOL_INIT;
if (init !== undefined) {
  const { name, args } = JSON.parse(init) as { name: keyof typeof catalog; args: unknown[] };
  await (catalog[name] as (...a: unknown[]) => unknown)(...args);
}
workerpool.worker(catalog);
