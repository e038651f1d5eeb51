/**
 * workerpool (https://github.com/josdejong/workerpool, `workerType: 'process'`) seen through the conformance
 * interface: a popular Node pool of child processes that we did not write, mapped onto the contract as far as
 * it goes.
 *
 * How it maps, and the line it keeps: wherever workerpool has the feature, the adapter uses it (exec per task,
 * Promise.all for map, terminate(true), the promise's pending/resolved flags for ready()/successful(), its own
 * TimeoutError). Where Python has a concept workerpool lacks (AsyncResult.get(timeout) that does not cancel,
 * close() then join(), callbacks), the adapter adds the thinnest glue over workerpool's promises, and never a
 * check or a refusal that workerpool does not make: work submitted after close() or terminate() runs, because
 * workerpool runs it. Outcomes workerpool does produce are translated into the contract's words only (a
 * "Worker terminated Unexpectedly" rejection is a WorkerCrashedError; maxWorkers < 1 reads as Python's
 * "Number of processes must be at least 1"), with workerpool's own message kept.
 */
import workerpool from 'workerpool';
import type { AdapterExtras } from '../../../harness/index.js';
import { modulePath } from '../../../harness/index.js';
import type {
  AsyncResultHandle,
  Capability,
  Implementation,
  PoolHandle,
  PoolOptions,
  ProcessHandle,
  Session,
  TaskName,
} from '../../../harness/index.js';
import { settlesWithin } from '../../../harness/index.js';
import { INITIALIZER_ENV, POOL_TASKS } from '../node-pool-glue/tasks.js';

type WorkerPool = ReturnType<typeof workerpool.pool>;
type WpPromise<T> = workerpool.Promise<T, Error>;

const WORKER = modulePath(import.meta.url, './worker');
/** The worker script is TypeScript: its process loads tsx, as the reference's children do. */
const TSX = import.meta.resolve('tsx');
/** How long close() waits for the pools of a session to be gone. */
const CLOSE_WAIT_MS = 5000;

/** The catalog tasks worker.ts provides: the pool tasks (no Process, no Queue tasks). */
const TASKS = POOL_TASKS;
const PROVIDED = new Set<string>(TASKS);

/** Python's error names for the outcomes workerpool reports in its own words. */
function translated(error: unknown): unknown {
  if (error instanceof workerpool.TerminateError && /terminated Unexpectedly/.test(error.message)) {
    Object.defineProperty(error, 'name', { value: 'WorkerCrashedError', configurable: true, writable: true });
  }
  return error;
}

const rejectTranslated = (error: unknown): never => {
  throw translated(error);
};

/** exec for a catalog task; a task workerpool's worker lacks is the adapter's error, named at once. */
function exec(pool: WorkerPool, task: TaskName, args: readonly unknown[]): WpPromise<unknown> {
  if (!PROVIDED.has(task)) throw new Error(`the workerpool adapter's worker has no task "${task}"`);
  return pool.exec(task, [...args]) as WpPromise<unknown>;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The AsyncResult glue over a workerpool promise: its pending/resolved flags, a timed wait, both callbacks. */
function resultOf(promise: WpPromise<unknown>): AsyncResultHandle {
  const values: unknown[] = [];
  const errors: { name: string; message: string }[] = [];
  // A native promise: workerpool's own does not type as a PromiseLike.
  const settled = (async () => {
    try {
      values.push(await promise);
    } catch (error) {
      const e = translated(error) as Error;
      errors.push({ name: e.name, message: e.message });
    }
  })();
  const waited = (timeoutMs: number | undefined) => settlesWithin(settled, timeoutMs);
  return {
    get: async (timeoutMs) => {
      // workerpool's own promise.timeout(ms) would cancel the task (it kills the worker); Python's get(timeout)
      // only stops waiting, so this waits beside the promise instead.
      if (!(await waited(timeoutMs))) throw new TimeoutError(`no result within ${timeoutMs} ms`);
      return promise.then((value) => value, rejectTranslated);
    },
    wait: async (timeoutMs) => {
      await waited(timeoutMs);
    },
    ready: async () => !promise.pending,
    successful: async () => promise.resolved,
    callbacks: async () => ({ values: [...values], errors: [...errors] }),
  };
}

function createPool(options: PoolOptions, pools: Set<WorkerPool>): PoolHandle {
  if (options.maxTasksPerChild !== undefined) throw new Error('workerpool has no maxTasksPerChild');
  const env = { ...process.env };
  if (options.initializer !== undefined) {
    if (!PROVIDED.has(options.initializer)) throw new Error(`the workerpool adapter's worker has no task "${options.initializer}"`);
    env[INITIALIZER_ENV] = JSON.stringify({ name: options.initializer, args: options.initargs ?? [] });
  }
  let pool: WorkerPool;
  try {
    pool = workerpool.pool(WORKER, {
      workerType: 'process',
      ...(options.processes === undefined ? {} : { maxWorkers: options.processes }),
      // Python starts every worker with the pool; workerpool would start them on demand.
      minWorkers: 'max',
      forkOpts: { execArgv: ['--import', TSX], env },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw /maxWorkers/.test(message) ? new Error(`Number of processes must be at least 1 (workerpool: ${message})`) : error;
  }
  pools.add(pool);
  /** Everything submitted and not yet settled, for join(). */
  const outstanding = new Set<Promise<unknown>>();
  const track = <T>(promise: WpPromise<T>): WpPromise<T> => {
    const settled = Promise.resolve(promise).catch(() => undefined);
    outstanding.add(settled);
    void settled.finally(() => outstanding.delete(settled));
    return promise;
  };
  const all = (argLists: readonly (readonly unknown[])[], task: TaskName) =>
    track(workerpool.Promise.all(argLists.map((args) => exec(pool, task, args))) as WpPromise<unknown[]>);
  let stopped: Promise<unknown> | undefined;
  return {
    map: async (task, items) => all(items.map((item) => [item]), task).then((v) => v, rejectTranslated),
    starmap: async (task, argLists) => all(argLists, task).then((v) => v, rejectTranslated),
    // Keyword arguments travel as one more, last, argument, which is how a workerpool task would take them.
    apply: async (task, args, kwds) => track(exec(pool, task, kwds === undefined ? args : [...args, kwds])).then((v) => v, rejectTranslated),
    applyAsync: async (task, args, options) =>
      resultOf(track(exec(pool, task, options?.kwds === undefined ? args : [...args, options.kwds]))),
    mapAsync: async (task, items) => resultOf(all(items.map((item) => [item]), task)),
    starmapAsync: async (task, argLists) => resultOf(all(argLists, task)),
    imap: async () => {
      throw new Error('workerpool has no imap');
    },
    imapUnordered: async () => {
      throw new Error('workerpool has no imap_unordered');
    },
    // workerpool has no close(): nothing to tell it; join() does the waiting.
    close: async () => undefined,
    terminate: async () => {
      stopped = Promise.resolve(pool.terminate(true)).catch(() => undefined);
    },
    join: async () => {
      while (outstanding.size > 0) await Promise.all([...outstanding]);
      await (stopped ?? Promise.resolve(pool.terminate()).catch(() => undefined));
    },
  };
}

class WorkerpoolSession implements Session {
  readonly #pools = new Set<WorkerPool>();

  async createProcess(): Promise<ProcessHandle> {
    throw new Error('workerpool has no Process: it runs functions in a pool of workers');
  }

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    return createPool(options, this.#pools);
  }

  /** workerpool names no process: the parent is the main process as Python calls it. */
  async currentProcess() {
    return { name: 'MainProcess', pid: process.pid, daemon: false };
  }

  async cpuCount() {
    return workerpool.cpus;
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const gone = Promise.all([...this.#pools].map((pool) => pool.terminate(true).catch(() => undefined)));
    await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }
}

const CAPABILITIES: readonly Capability[] = ['pool', 'pool.workers-here', 'pool.callbacks', 'pool.initializer', 'pool.kwds'];

const NO_PROCESS = 'workerpool has no Process: it only runs functions in a pool of workers';

export const implementation: Implementation & AdapterExtras = {
  name: 'workerpool',
  description: 'workerpool 10 (workerType: process), a popular Node pool we did not write',
  capabilities: new Set(CAPABILITIES),
  tasks: TASKS,
  unsupported: {
    process: NO_PROCESS,
    'process.kill': NO_PROCESS,
    'process.close': NO_PROCESS,
    'process.daemon': NO_PROCESS,
    'process.current': NO_PROCESS,
    'process.nested': NO_PROCESS,
    'process.kwargs': NO_PROCESS,
    'process.stderr': NO_PROCESS,
    'process.parent': NO_PROCESS,
    'process.active-children': NO_PROCESS,
    'process.unsendable': NO_PROCESS,
    'process.rename': NO_PROCESS,
    'process.no-target': NO_PROCESS,
    'pool.imap': 'workerpool has no imap/imap_unordered: exec() gives one promise per call',
    'pool.imap.next': 'workerpool has no imap/imap_unordered: exec() gives one promise per call',
    'pool.input': 'workerpool has no map: the adapter maps arrays with one exec() per item',
    'pool.input.async': 'workerpool has no map: the adapter maps arrays with one exec() per item',
    'pool.scope': 'workerpool pools have no scope (no Symbol.asyncDispose): terminate() is called by hand',
    'pool.unsendable': 'not wired in this adapter: workerpool sends arguments as JSON, which drops a function silently',
    'pool.maxtasks': 'workerpool has no maxTasksPerChild: a worker lives until the pool ends or the worker dies',
    'pool.progress':
      "not wired in this adapter: workerpool's workerEmit() hands a running task's events to its exec() call's `on` handler, one message each (nothing coalesced), and a map of exec() calls reports no { done, total }",
    'pool.recycle': 'workerpool has no memory limit per worker: a worker lives until the pool ends or the worker dies',
    'pool.stats': "workerpool's pool.stats() counts workers (total, busy, idle) and tasks (pending, active): nothing completed, failed or recycled",
    queue: 'workerpool has no Queue: a worker talks only to its pool',
    'queue.bounded': 'workerpool has no Queue',
    'queue.cross-process': 'workerpool has no Queue',
  } as AdapterExtras['unsupported'],
  open: async () => new WorkerpoolSession(),
};

export default implementation;
