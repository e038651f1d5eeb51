/**
 * The thin glue that maps a promise-based Node pool onto the contract's PoolHandle, shared by the piscina, tinypool,
 * poolifier and jest-worker adapters (workerpool's predates it). What it adds is only what Python has and these
 * libraries lack, built over the library's own promises, never a check or a refusal the library does not make:
 * - map/starmap: one submission per item, gathered with Promise.all (the library's map, where it has one);
 * - AsyncResult: get(timeout) that stops waiting without cancelling, wait, ready, successful (false until it
 *   settled: no "not ready" error of our own), and the callbacks, recorded from the promise;
 * - close() tells the library only when it has a graceful close; join() waits for what was submitted, then stops
 *   the pool the library's way. Work submitted after close() or terminate() goes to the library, which decides.
 */
import { availableParallelism } from 'node:os';
import type { AsyncResultHandle, PoolHandle, PoolOptions, ProcessHandle, Session, TaskName } from '../../../harness/index.js';
import { settlesWithin } from '../../../harness/index.js';

/** What an adapter tells the glue about its library. */
export interface LibraryPool {
  /** Runs one catalog task with these arguments: the library's promise. */
  submit(task: TaskName, args: readonly unknown[]): Promise<unknown>;
  /** The library's own map over argument lists, when it has one (default: Promise.all of submit). */
  submitAll?(task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]>;
  /** The library's graceful stop (no new work, running work finishes, workers end), when it has one. */
  close?(): Promise<unknown>;
  /** The library's immediate stop. */
  terminate(): Promise<unknown>;
  /** The library's error in the contract's words (a name the library gives in its own way); the same error otherwise. */
  translate(error: unknown): unknown;
}

/** How long a session's close() waits for its pools to stop. */
export const CLOSE_WAIT_MS = 5000;

/** Python's get(timeout) passing its bound: the adapter's, since none of these libraries has a timed wait. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** AsyncResult over a native promise of the library. */
export function resultOf(promise: Promise<unknown>, translate: (error: unknown) => unknown): AsyncResultHandle {
  const values: unknown[] = [];
  const errors: { name: string; message: string }[] = [];
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  const settled = promise.then(
    (value) => {
      state = 'resolved';
      values.push(value);
    },
    (error: unknown) => {
      state = 'rejected';
      const e = translate(error) as Error;
      errors.push({ name: e?.name, message: e?.message });
    },
  );
  return {
    get: async (timeoutMs) => {
      if (!(await settlesWithin(settled, timeoutMs))) throw new TimeoutError(`no result within ${timeoutMs} ms`);
      return promise.catch((error: unknown) => {
        throw translate(error);
      });
    },
    wait: async (timeoutMs) => {
      await settlesWithin(settled, timeoutMs);
    },
    ready: async () => state !== 'pending',
    successful: async () => state === 'resolved',
    callbacks: async () => ({ values: [...values], errors: [...errors] }),
  };
}

/** A PoolHandle over `library`; every method of the contract is there, the optional ones are the adapter's to add. */
export function poolHandle(library: LibraryPool): PoolHandle {
  const outstanding = new Set<Promise<unknown>>();
  /** Calls the library inside a promise, so that a library that throws synchronously rejects instead. */
  const track = <T>(call: () => Promise<T>): Promise<T> => {
    const promise = (async () => call())();
    const settled = promise.catch(() => undefined);
    outstanding.add(settled);
    void settled.finally(() => outstanding.delete(settled));
    return promise;
  };
  const rejectTranslated = (error: unknown): never => {
    throw library.translate(error);
  };
  const all = (task: TaskName, argLists: readonly (readonly unknown[])[]) =>
    track(() => library.submitAll?.(task, argLists) ?? Promise.all(argLists.map((args) => library.submit(task, args))));
  // Keyword arguments travel as one more, last, argument, which is how a task of these libraries would take them.
  const withKwds = (args: readonly unknown[], kwds: unknown) => (kwds === undefined ? args : [...args, kwds]);
  let stopped: Promise<unknown> | undefined;
  return {
    map: async (task, items) => all(task, items.map((item) => [item])).catch(rejectTranslated),
    starmap: async (task, argLists) => all(task, argLists).catch(rejectTranslated),
    apply: async (task, args, kwds) => track(() => library.submit(task, withKwds(args, kwds))).catch(rejectTranslated),
    applyAsync: async (task, args, options) => resultOf(track(() => library.submit(task, withKwds(args, options?.kwds))), library.translate),
    mapAsync: async (task, items) => resultOf(all(task, items.map((item) => [item])), library.translate),
    starmapAsync: async (task, argLists) => resultOf(all(task, argLists), library.translate),
    imap: async () => {
      throw new Error('this library has no imap');
    },
    imapUnordered: async () => {
      throw new Error('this library has no imap_unordered');
    },
    close: async () => {
      if (library.close !== undefined) stopped ??= library.close().catch(() => undefined);
    },
    terminate: async () => {
      stopped = library.terminate().catch(() => undefined);
    },
    join: async () => {
      if (stopped === undefined) {
        // No close in the library (or join() before close(), which these libraries have no notion of): what was
        // submitted finishes, then the pool is stopped the library's way.
        while (outstanding.size > 0) await Promise.all([...outstanding]);
        stopped = (library.close ?? library.terminate)().catch(() => undefined);
      }
      await stopped;
    },
  };
}

/** The parent as Python calls it: none of these libraries names a process. */
export async function mainProcess() {
  return { name: 'MainProcess', pid: process.pid, daemon: false };
}

/** Waits for every stop in `stops`, at most `ms`: a session's close() must end in bounded time. */
export async function settleAll(stops: readonly Promise<unknown>[], ms: number): Promise<void> {
  await settlesWithin(Promise.allSettled(stops), ms);
}

/**
 * The session of a pool-only library: no Process, the parent as MainProcess, os.availableParallelism() for
 * cpu_count (what these libraries size their pools from), and close() that stops every pool it made, in bounded time.
 */
export class PoolOnlySession<P> implements Session {
  protected readonly pools = new Set<P>();

  constructor(
    private readonly library: string,
    private readonly make: (options: PoolOptions) => { pool: P; handle: PoolHandle },
    private readonly stop: (pool: P) => Promise<unknown>,
  ) {}

  async createProcess(): Promise<ProcessHandle> {
    throw new Error(`${this.library} has no Process: it runs functions in a pool of workers`);
  }

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    if (options.maxTasksPerChild !== undefined) throw new Error(`${this.library} has no maxTasksPerChild`);
    const { pool, handle } = this.make(options);
    this.pools.add(pool);
    return handle;
  }

  currentProcess = mainProcess;

  async cpuCount() {
    return availableParallelism();
  }

  /** Stops every pool; a stop that throws at once (a pool already stopped) only means there is nothing left to stop. */
  async close(): Promise<void> {
    await settleAll([...this.pools].map(async (pool) => this.stop(pool)), CLOSE_WAIT_MS);
  }
}
