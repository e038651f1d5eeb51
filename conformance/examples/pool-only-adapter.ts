/**
 * A template for a pool-only library (a worker pool without a Process class), here over multiproc's own Pool: it
 * claims `pool` and nothing else, so `createProcess` is `notClaimed('process')` and no rule of other areas runs.
 * Copy it, put your pool where `Pool` is, and claim more (`pool.imap`, `pool.initializer`, …) as your library offers.
 *
 *   npx multiproc-conformance --impl ./pool-only-adapter.ts
 */
import { cpus } from 'node:os';
import { Pool, type AsyncResult } from 'multiproc';
import { notClaimed, type AsyncResultHandle, type Implementation, type IterationOutcome, type PoolHandle, type PoolOptions, type Session, type TaskName } from 'multiproc/conformance';
import * as catalog from './pool-only-tasks.js';

/** Your library's task for a catalog name (here: the function pool-only-tasks.ts registered). */
/** The rules choose the arguments, not the types. */
type Task = (...args: any[]) => any;
function task(name: TaskName): Task {
  const fn = (catalog as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`pool-only-tasks.ts has no task "${name}"`);
  return fn as Task;
}

const described = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) });

/** An AsyncResult as the contract's handle; the callbacks it was given record what they receive. */
function handle<T>(start: (callbacks: { callback: (value: T) => void; errorCallback: (error: unknown) => void }) => AsyncResult<T>): AsyncResultHandle {
  const values: unknown[] = [];
  const errors: { name: string; message: string }[] = [];
  const result = start({ callback: (value) => values.push(value), errorCallback: (error) => errors.push(described(error)) });
  return {
    get: (timeoutMs) => result.get(timeoutMs),
    wait: (timeoutMs) => result.wait(timeoutMs),
    ready: async () => result.ready(),
    successful: async () => result.successful(),
    callbacks: async () => ({ values: [...values], errors: [...errors] }),
  };
}

async function drain(iterator: AsyncIterable<unknown>): Promise<IterationOutcome> {
  const values: unknown[] = [];
  try {
    for await (const value of iterator) values.push(value);
    return { values };
  } catch (error) {
    return { values, error: described(error) };
  }
}

class PoolOnlySession implements Session {
  readonly #pools = new Set<Pool>();

  createProcess = notClaimed('process');

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    const pool = new Pool(options.processes === undefined ? {} : { processes: options.processes });
    this.#pools.add(pool);
    // Every method is async, so that a synchronous throw (a closed pool, a bad chunksize) becomes a rejection.
    return {
      map: async (name, items, chunksize) => pool.map(task(name), [...items], chunksize),
      starmap: async (name, argLists, chunksize) => pool.starmap(task(name), argLists.map((args) => [...args]), chunksize),
      apply: async (name, args) => pool.apply(task(name), [...args]),
      applyAsync: async (name, args) => handle((callbacks) => pool.applyAsync(task(name), [...args], callbacks)),
      mapAsync: async (name, items, chunksize) => handle<unknown[]>((callbacks) => pool.mapAsync(task(name), [...items], chunksize, callbacks)),
      starmapAsync: async (name, argLists, chunksize) => handle<unknown[]>((callbacks) => pool.starmapAsync(task(name), argLists.map((args) => [...args]), chunksize, callbacks)),
      imap: async (name, items, chunksize) => drain(pool.imap(task(name), [...items], chunksize)),
      imapUnordered: async (name, items, chunksize) => drain(pool.imapUnordered(task(name), [...items], chunksize)),
      close: async () => pool.close(),
      terminate: async () => pool.terminate(),
      join: () => pool.join(),
    };
  }

  async currentProcess() {
    return { name: 'MainProcess', pid: process.pid, daemon: false };
  }

  async cpuCount() {
    return cpus().length;
  }

  async close(): Promise<void> {
    for (const pool of this.#pools) pool.terminate();
    await Promise.all([...this.#pools].map((pool) => pool.join()));
  }
}

export const implementation: Implementation = {
  name: 'pool-only',
  description: 'conformance/examples/pool-only-adapter.ts: multiproc Pool, claiming pool only',
  capabilities: new Set(['pool']),
  unsupported: { process: 'a pool-only library: no Process class' },
  // Where the library breaks a rule on purpose, it says so (reported as "differs (declared)", never as a pass).
  deviations: {
    'pool.map.chunksize-below-one-gives-nones': 'refuses a chunksize below 1 with RangeError instead of returning Nones',
    'pool.processes.below-one-raises-valueerror': 'raises RangeError, JavaScript\'s class for a number out of range',
    'pool.close.then-every-submit-raises-valueerror': 'raises PoolStateError with Python\'s message, not ValueError',
    'pool.join.before-close-raises-valueerror': 'raises PoolStateError with Python\'s message, not ValueError',
    'pool.asyncresult.successful-before-ready-raises-valueerror': 'raises NotReadyError, not ValueError',
    'pool.crash.lost-task-get-times-out': 'fails a dead worker\'s task with WorkerCrashedError at once instead of leaving it pending',
    'pool.terminate.leaves-unfinished-results-pending': 'fails what terminate() leaves unfinished with PoolTerminatedError at once',
  },
  open: async () => new PoolOnlySession(),
};
