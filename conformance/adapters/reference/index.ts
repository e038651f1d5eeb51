/**
 * The reference implementation seen through the conformance interface. This is the only place the suite
 * touches reference/: rules receive the Session below.
 */
import {
  type AsyncResult,
  cpuCount,
  currentProcess,
  Pool,
  Process,
  type ResultCallbacks,
  type TaskFunction,
} from '../../../reference/src/index.js';
import type {
  AsyncResultHandle,
  Capability,
  Implementation,
  IterationOutcome,
  PoolHandle,
  PoolOptions,
  ProcessHandle,
  ProcessOptions,
  Session,
  TaskName,
} from '../../harness/implementation.js';
import { catalog } from './tasks.js';

/** How long close() waits for the processes and pool workers of a session to be gone. */
const CLOSE_WAIT_MS = 5000;

function task(name: TaskName): TaskFunction {
  const fn = catalog[name];
  if (fn === undefined) throw new Error(`the reference catalog has no task "${name}"`);
  return fn;
}

type Described = { name: string; message: string };

function describe(error: unknown): Described {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) };
}

/** Drains an imap iterator; on an error, stops there and drops the rest (return()), as the contract says. */
async function collect(iterator: AsyncIterableIterator<unknown>): Promise<IterationOutcome> {
  const values: unknown[] = [];
  try {
    for (;;) {
      const step = await iterator.next();
      if (step.done === true) return { values };
      values.push(step.value);
    }
  } catch (error) {
    await iterator.return?.();
    return { values, error: describe(error) };
  }
}

/** Waits for `promise`, but no longer than `ms`; never rejects. */
async function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

class ReferenceSession implements Session {
  readonly #started = new Set<Process>();
  readonly #pools = new Set<Pool>();

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    const target = task(options.target);
    const process = new Process({
      target,
      args: (options.args ?? []) as never,
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.daemon === undefined ? {} : { daemon: options.daemon }),
    });
    const started = this.#started;
    return {
      start: async () => {
        process.start();
        started.add(process);
      },
      join: (timeoutMs) => process.join(timeoutMs),
      isAlive: async () => process.isAlive(),
      terminate: async () => process.terminate(),
      kill: async () => process.kill(),
      close: async () => process.close(),
      pid: async () => process.pid,
      exitCode: async () => process.exitCode,
      name: async () => process.name,
      daemon: async () => process.daemon,
      setDaemon: async (value) => {
        process.daemon = value;
      },
    };
  }

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    const pool = new Pool({
      ...(options.processes === undefined ? {} : { processes: options.processes }),
      ...(options.initializer === undefined ? {} : { initializer: task(options.initializer) }),
      ...(options.initargs === undefined ? {} : { initargs: options.initargs as never }),
      ...(options.maxTasksPerChild === undefined ? {} : { maxTasksPerChild: options.maxTasksPerChild }),
    });
    this.#pools.add(pool);
    // Every method is async, so a synchronous throw (closed pool, bad chunksize) becomes a rejection, as is.
    return {
      map: async (name, items, chunksize) => pool.map(task(name), items, chunksize),
      starmap: async (name, argLists, chunksize) => pool.starmap(task(name), argLists as unknown[][], chunksize),
      apply: async (name, args) => pool.apply(task(name), args as unknown[]),
      applyAsync: async (name, args) => recorded((callbacks) => pool.applyAsync(task(name), args as unknown[], callbacks)),
      mapAsync: async (name, items, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.mapAsync(task(name), items, chunksize, callbacks)),
      starmapAsync: async (name, argLists, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.starmapAsync(task(name), argLists as unknown[][], chunksize, callbacks)),
      imap: async (name, items, chunksize) => collect(pool.imap(task(name), items, chunksize)),
      imapUnordered: async (name, items, chunksize) => collect(pool.imapUnordered(task(name), items, chunksize)),
      close: async () => pool.close(),
      terminate: async () => pool.terminate(),
      join: () => pool.join(),
    };
  }

  async currentProcess() {
    return currentProcess();
  }

  async cpuCount() {
    return cpuCount();
  }

  async close(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const pool of this.#pools) {
      pool.terminate();
      // A worker that ignores SIGTERM (ignoreTerminate) would hold join() for ever: bounded.
      waits.push(bounded(pool.join(), CLOSE_WAIT_MS));
    }
    for (const process of this.#started) {
      try {
        if (process.isAlive()) process.kill();
        waits.push(process.join(5000));
      } catch {
        // A closed Process has exited already.
      }
    }
    await Promise.all(waits);
  }
}

/**
 * Starts async work with both callbacks, recording what they receive for AsyncResultHandle.callbacks(): values
 * as they are, errors as {name, message}.
 */
function recorded<T>(start: (callbacks: Required<ResultCallbacks<T>>) => AsyncResult<T>): AsyncResultHandle {
  const values: T[] = [];
  const errors: Described[] = [];
  const result = start({ callback: (value) => values.push(value), errorCallback: (error) => errors.push(describe(error)) });
  return {
    get: (timeoutMs) => result.get(timeoutMs),
    wait: (timeoutMs) => result.wait(timeoutMs),
    ready: async () => result.ready(),
    successful: async () => result.successful(),
    callbacks: async () => ({ values: [...values], errors: [...errors] }),
  };
}

const CAPABILITIES: readonly Capability[] = [
  'process',
  'process.kill',
  'process.close',
  'process.daemon',
  'process.current',
  'process.nested',
  'pool',
  'pool.imap',
  'pool.initializer',
  'pool.maxtasks',
  'pool.callbacks',
];

export const implementation: Implementation = {
  name: 'reference',
  description: 'multiproc reference/ (this repository)',
  capabilities: new Set(CAPABILITIES),
  open: async () => new ReferenceSession(),
};

export default implementation;
