/**
 * The reference implementation seen through the conformance interface. This is the only place the suite
 * touches reference/: rules receive the Session below.
 */
import type { Readable } from 'node:stream';
import {
  type AsyncResult,
  cpuCount,
  activeChildren,
  currentProcess,
  parentProcess,
  Pool,
  Process,
  Queue,
  QueueEmpty,
  QueueFull,
  type ResultCallbacks,
  type TaskFunction,
} from '../../../../reference/src/index.js';
import {
  type AsyncResultHandle,
  type Capability,
  type IMapIteratorHandle,
  type Implementation,
  type InputMethods,
  type IterationOutcome,
  type PoolInput,
  type PoolHandle,
  type PoolOptions,
  type ProcessHandle,
  type ProcessOptions,
  type QueueHandle,
  type QueueOptions,
  type Session,
  type TaskName,
  UNSENDABLE_MARK,
} from '../../../harness/index.js';
import { cancellable } from './cancellable.js';
import { crashReport, heapLimitEnv } from './crash-report.js';
import { progressing } from './progressing.js';
import { describeError } from './describe-error.js';
import { readDeviations } from './deviations.js';
import { catalog, ValueError } from './tasks.js';

/** How long close() waits for the processes and pool workers of a session to be gone. */
const CLOSE_WAIT_MS = 5000;

function task(name: TaskName): TaskFunction {
  const fn = catalog[name];
  if (fn === undefined) throw new Error(`the reference catalog has no task "${name}"`);
  return fn;
}

type Described = { name: string; message: string };


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
    return { values, error: describeError(error) };
  }
}

/** An imap iterator stepped by the rule, one next(timeoutMs) at a time. */
function stepped(iterator: { next(timeoutMs?: number): Promise<IteratorResult<unknown>>; return(): Promise<unknown> }): IMapIteratorHandle {
  return {
    next: async (timeoutMs) => {
      const step = await iterator.next(timeoutMs);
      return step.done === true ? { done: true } : { done: false, value: step.value };
    },
    close: async () => {
      await iterator.return();
    },
  };
}

/**
 * The contract names queue.Empty and queue.Full by Python's class names: the reference's QueueEmpty and
 * QueueFull reject as an Error named 'Empty' / 'Full' with the reference's own message (the original as cause).
 * Every other error passes as it is.
 */
function pythonNamed(error: unknown): unknown {
  const name = error instanceof QueueEmpty ? 'Empty' : error instanceof QueueFull ? 'Full' : undefined;
  if (name === undefined) return error;
  const renamed = new Error((error as Error).message, { cause: error });
  renamed.name = name;
  return renamed;
}

/** How the reference ends the stack of an error it re-raises from a worker (reference/src/remote-error.ts). */
const RE_RAISED = /\n {4}--- raised in .*, re-raised in the parent$/;

/**
 * A task's error as it is, with `remoteTraceback` (pool.remote-traceback): the reference keeps the worker's stack as
 * the error's stack. Errors raised in the parent (a crash, a refusal) have none.
 */
function withTraceback(error: unknown): never {
  if (error instanceof Error && typeof error.stack === 'string' && RE_RAISED.test(error.stack)) {
    Object.defineProperty(error, 'remoteTraceback', { value: error.stack, configurable: true, writable: true });
  }
  throw error;
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw pythonNamed(error);
  }
}

/**
 * `value` with each QueueHandle of this session replaced by its reference Queue, in arrays and plain objects
 * at any depth (the reference then sends the Queue to the other process). Other values are left as they are.
 */
function withQueues(value: unknown, queues: WeakMap<object, Queue>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const queue = queues.get(value);
  if (queue !== undefined) return queue;
  // The contract's stand-in for a value that cannot be sent: a function, in JavaScript.
  if ((value as Record<string, unknown>)[UNSENDABLE_MARK] === true) return withUnsendables(value);
  // Copied only on the way to a handle: arguments without one pass as they are.
  if (Array.isArray(value)) {
    const items = value.map((item) => withQueues(item, queues));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const entries = Object.entries(value).map(([key, item]) => [key, item, withQueues(item, queues)] as const);
  return entries.some(([, before, after]) => after !== before) ? Object.fromEntries(entries.map(([key, , after]) => [key, after])) : value;
}

/**
 * `value` with each UNSENDABLE marker replaced by a function, which structured clone cannot send (a lambda in
 * Python), in arrays and plain objects at any depth.
 */
function withUnsendables(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.some((item) => typeof item === 'object') ? value.map(withUnsendables) : value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  if ((value as Record<string, unknown>)[UNSENDABLE_MARK] === true) return () => 1;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUnsendables(item)]));
}

/** A real iterable for the input a rule described (see PoolInput). */
function iterableOf(input: PoolInput): Iterable<unknown> | AsyncIterable<unknown> {
  if (Array.isArray(input)) return input;
  const described = input as Exclude<PoolInput, readonly unknown[]>;
  if ('generator' in described) return (function* () { yield* described.generator; })();
  if ('asyncIterable' in described) return (async function* () { yield* described.asyncIterable; })();
  if ('failingAfter' in described) {
    return (function* () {
      yield* described.items.slice(0, described.failingAfter);
      throw new ValueError(`input failed after ${described.failingAfter} items`);
    })();
  }
  // Python's range: lazy and iterable again and again.
  const [start, stop, step = 1] = described.range;
  return {
    *[Symbol.iterator]() {
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) yield i;
    },
  };
}

/** Waits for `promise`, but no longer than `ms`; never rejects. */
async function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** `poolExtras`: more options for every Pool of the session (the cluster adapter's `cluster`). */
export class ReferenceSession implements Session {
  constructor(private readonly poolExtras: Readonly<Record<string, unknown>> = {}) {}
  readonly #started = new Set<Process>();
  readonly #pools = new Set<Pool>();
  readonly #queues = new Set<Queue>();
  /** Handle → the reference Queue behind it, for arguments that carry a handle to another process. */
  readonly #byHandle = new WeakMap<object, Queue>();

  #args<T>(value: T): T {
    return withQueues(value, this.#byHandle) as T;
  }

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    // No target: passed on as such, for the library to answer (it asks for one).
    const target = options.target === null ? (undefined as never) : task(options.target);
    const process = new Process({
      target,
      args: this.#args(options.args ?? []) as never,
      ...(options.kwargs === undefined ? {} : { kwargs: this.#args(options.kwargs) as never }),
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.daemon === undefined ? {} : { daemon: options.daemon }),
      ...(options.captureStderr === true ? { stderr: 'pipe' as const } : {}),
    });
    const started = this.#started;
    const stderr = capture();
    return {
      start: async () => {
        process.start();
        started.add(process);
        stderr.from(process.stderr);
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
      setName: async (value) => {
        process.name = value;
      },
      stderr: async () => {
        if (options.captureStderr !== true) throw new Error('stderr(): create the process with captureStderr: true');
        // Once the child exited, what it wrote arrives until the pipe closes (soon, unless a grandchild holds it).
        if (process.exitCode !== null) await bounded(stderr.closed, CLOSE_WAIT_MS);
        return stderr.text();
      },
    };
  }

  async createPool(options: PoolOptions): Promise<PoolHandle> {
    const pool = new Pool({
      ...(options.processes === undefined ? {} : { processes: options.processes }),
      ...(options.initializer === undefined ? {} : { initializer: task(options.initializer) }),
      ...(options.initargs === undefined ? {} : { initargs: this.#args(options.initargs) as never }),
      ...(options.maxTasksPerChild === undefined ? {} : { maxTasksPerChild: options.maxTasksPerChild }),
      ...(options.cancelGraceMs === undefined ? {} : { cancelGraceMs: options.cancelGraceMs }),
      ...(options.workerHeapMb === undefined ? {} : { env: heapLimitEnv(options.workerHeapMb) }),
      ...(options.taskTimeoutMs === undefined ? {} : { taskTimeoutMs: options.taskTimeoutMs }),
      ...(options.maxMemoryPerChildMb === undefined ? {} : { maxMemoryPerChildMb: options.maxMemoryPerChildMb }),
      ...this.poolExtras,
    });
    this.#pools.add(pool);
    const a = <T>(value: T): T => withUnsendables(this.#args(value)) as T;
    const input = (described: PoolInput) => iterableOf(a(described));
    const withInput: Required<PoolHandle>['withInput'] = async (method, name, described, chunksize) => {
      const fn = task(name);
      const items = input(described) as Iterable<unknown> & AsyncIterable<unknown>;
      const results: { [M in keyof InputMethods]: () => Promise<InputMethods[M]> | InputMethods[M] } = {
        map: () => pool.map(fn, items, chunksize),
        starmap: () => pool.starmap(fn, items as Iterable<never>, chunksize),
        mapAsync: () => recorded<unknown[]>((callbacks) => pool.mapAsync(fn, items, chunksize, callbacks)),
        starmapAsync: () => recorded<unknown[]>((callbacks) => pool.starmapAsync(fn, items as Iterable<never>, chunksize, callbacks)),
        imap: () => collect(pool.imap(fn, items, chunksize)),
        imapUnordered: () => collect(pool.imapUnordered(fn, items, chunksize)),
      };
      return results[method]() as never;
    };
    // Every method is async, so a synchronous throw (closed pool, bad chunksize) becomes a rejection, as is.
    return {
      map: async (name, items, chunksize) => pool.map(task(name), a(items), chunksize).catch(withTraceback),
      starmap: async (name, argLists, chunksize) => pool.starmap(task(name), a(argLists) as unknown[][], chunksize).catch(withTraceback),
      apply: async (name, args, kwds) =>
        (kwds === undefined ? pool.apply(task(name), a(args) as unknown[]) : pool.apply(task(name), a(args) as never, a(kwds) as never)).catch(withTraceback),
      applyAsync: async (name, args, options) =>
        recorded(
          (callbacks) =>
            pool.applyAsync(task(name), a(args) as never, { ...callbacks, ...(options?.kwds === undefined ? {} : { kwds: a(options.kwds) }) } as never),
          options?.callbacksThrow === true,
        ),
      mapAsync: async (name, items, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.mapAsync(task(name), a(items), chunksize, callbacks)),
      starmapAsync: async (name, argLists, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.starmapAsync(task(name), a(argLists) as unknown[][], chunksize, callbacks)),
      imap: async (name, items, chunksize) => collect(pool.imap(task(name), a(items), chunksize)),
      imapUnordered: async (name, items, chunksize) => collect(pool.imapUnordered(task(name), a(items), chunksize)),
      withInput,
      cancellable: async (call) => cancellable(pool, task(call.task), { ...call, payload: a(call.payload) as unknown[] }),
      crashReport: async (call) => crashReport(pool, task(call.task), { ...call, payload: a(call.payload) as unknown[] }),
      progressing: async (call) => progressing(pool, task(call.task), { ...call, payload: a(call.payload) as unknown[] }),
      stats: async () => pool.stats(),
      tasksDone: async () => {
        const { completed, failed } = pool.stats();
        return completed + failed;
      },
      imapIterator: async (name, described, chunksize, options) => {
        const start = options?.ordered === false ? pool.imapUnordered : pool.imap;
        return stepped(start.call(pool, task(name), input(described), chunksize));
      },
      // `await using pool = new Pool()` binds the pool itself; leaving the scope runs [Symbol.asyncDispose]().
      scope: async () => ({ enteredIsPool: true, leave: () => pool[Symbol.asyncDispose]() }),
      close: async () => pool.close(),
      terminate: async () => pool.terminate(),
      join: () => pool.join(),
    };
  }

  async createQueue(options: QueueOptions = {}): Promise<QueueHandle> {
    const queue = new Queue({ ...(options.maxsize === undefined ? {} : { maxsize: options.maxsize }) });
    this.#queues.add(queue);
    // Every method is async: a synchronous throw becomes a rejection, renamed as the contract says.
    const handle: QueueHandle = {
      put: (item, block) => mapped(() => queue.put(withUnsendables(item), block)),
      get: (block) => mapped(() => queue.get(block)),
      putNowait: (item) => mapped(() => queue.putNowait(withUnsendables(item))),
      getNowait: () => mapped(() => queue.getNowait()),
      qsize: () => mapped(() => queue.qsize()),
      empty: () => mapped(() => queue.empty()),
      full: () => mapped(() => queue.full()),
      close: async () => queue.close(),
    };
    this.#byHandle.set(handle, queue);
    return handle;
  }

  async currentProcess() {
    return currentProcess();
  }

  async parentProcess() {
    const parent = parentProcess();
    return parent === null ? null : { name: parent.name, pid: parent.pid };
  }

  async activeChildren() {
    // The runner's process holds the children of every session running at the time: only this session's count.
    return activeChildren()
      .filter((child) => this.#started.has(child))
      .map((child) => ({ name: child.name, pid: child.pid!, daemon: child.daemon }));
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
    // close() ends only the runner's use of each queue (they live until the runner exits, as Python's do while
    // any process holds them); after the processes, so that nothing of theirs is still waiting on this side.
    for (const queue of this.#queues) queue.close();
  }
}

/** Collects a child's stderr stream as text, once the child has started. */
function capture(): { from(stream: Readable | null): void; text(): string; readonly closed: Promise<void> } {
  let text = '';
  let closed!: () => void;
  const whenClosed = new Promise<void>((resolve) => (closed = resolve));
  return {
    from(stream) {
      if (stream === null) return;
      stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      stream.once('close', closed);
    },
    text: () => text,
    closed: whenClosed,
  };
}

/**
 * Starts async work with both callbacks, recording what they receive for AsyncResultHandle.callbacks(): values
 * as they are, errors as {name, message}.
 */
function recorded<T>(start: (callbacks: Required<ResultCallbacks<T>>) => AsyncResult<T>, callbacksThrow = false): AsyncResultHandle {
  const values: T[] = [];
  const errors: Described[] = [];
  const fail = () => {
    if (callbacksThrow) throw new Error('callback failed on purpose');
  };
  const result = start({
    callback: (value) => {
      values.push(value);
      fail();
    },
    errorCallback: (error) => {
      errors.push(describeError(error));
      fail();
    },
  });
  return {
    get: (timeoutMs) => result.get(timeoutMs).catch(withTraceback),
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
  'process.kwargs',
  'process.stderr',
  'process.parent',
  'process.active-children',
  'process.unsendable',
  'process.rename',
  'process.no-target',
  'pool',
  'pool.workers-here',
  'pool.imap',
  'pool.initializer',
  'pool.maxtasks',
  'pool.callbacks',
  'pool.callbacks.throwing',
  'pool.kwds',
  'pool.input',
  'pool.input.async',
  'pool.imap.next',
  'pool.scope',
  'pool.unsendable',
  'pool.remote-traceback',
  'pool.cancel',
  'pool.crash-diagnostics',
  'pool.timeout',
  'pool.progress',
  'pool.recycle',
  'pool.stats',
  'pool.error-origin',
  'queue',
  'queue.bounded',
  'queue.cross-process',
];

export const implementation: Implementation = {
  name: 'reference',
  description: 'multiproc reference/ (this repository)',
  capabilities: new Set(CAPABILITIES),
  unsupported: {
    'pool.chunks-by-work': 'the local pool keeps Python\'s default chunksize, ceil(len / (4 * processes)) items ' +
      '(pool.map.default-chunksize-is-a-quarter-per-worker); only the cluster pool sizes chunks by measured work',
  },
  // Rule id → why the reference deviates (deviations.json): failures there are reported as "differs (declared)".
  deviations: readDeviations(),
  open: async () => new ReferenceSession(),
};

export default implementation;
