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
  QueueHandle,
  QueueOptions,
  Session,
  TaskName,
} from '../../harness/implementation.js';
import { UNSENDABLE_MARK } from '../../harness/implementation.js';
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
  if ((value as Record<string, unknown>)[UNSENDABLE_MARK] === true) return unsendable;
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

/** What UNSENDABLE stands for here: a function, which no process can send to another. */
function unsendable(): void {}

/** Waits for `promise`, but no longer than `ms`; never rejects. */
async function bounded(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

class ReferenceSession implements Session {
  readonly #started = new Set<Process>();
  readonly #pools = new Set<Pool>();
  readonly #queues = new Set<Queue>();
  /** Handle → the reference Queue behind it, for arguments that carry a handle to another process. */
  readonly #byHandle = new WeakMap<object, Queue>();

  #args<T>(value: T): T {
    return withQueues(value, this.#byHandle) as T;
  }

  async createProcess(options: ProcessOptions): Promise<ProcessHandle> {
    const target = task(options.target);
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
    });
    this.#pools.add(pool);
    const a = <T>(value: T): T => this.#args(value);
    // Every method is async, so a synchronous throw (closed pool, bad chunksize) becomes a rejection, as is.
    return {
      map: async (name, items, chunksize) => pool.map(task(name), a(items), chunksize),
      starmap: async (name, argLists, chunksize) => pool.starmap(task(name), a(argLists) as unknown[][], chunksize),
      apply: async (name, args) => pool.apply(task(name), a(args) as unknown[]),
      applyAsync: async (name, args, options) =>
        recorded((callbacks) => pool.applyAsync(task(name), a(args) as unknown[], callbacks), options?.callbacksThrow === true),
      mapAsync: async (name, items, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.mapAsync(task(name), a(items), chunksize, callbacks)),
      starmapAsync: async (name, argLists, chunksize) =>
        recorded<unknown[]>((callbacks) => pool.starmapAsync(task(name), a(argLists) as unknown[][], chunksize, callbacks)),
      imap: async (name, items, chunksize) => collect(pool.imap(task(name), a(items), chunksize)),
      imapUnordered: async (name, items, chunksize) => collect(pool.imapUnordered(task(name), a(items), chunksize)),
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
      put: (item, block) => mapped(() => queue.put(item, block)),
      get: (block) => mapped(() => queue.get(block)),
      putNowait: (item) => mapped(() => queue.putNowait(item)),
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
    // After the processes: a queue closed first would fail their last calls with QueueClosedError.
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
      errors.push(describe(error));
      fail();
    },
  });
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
  'process.kwargs',
  'process.stderr',
  'process.parent',
  'process.active-children',
  'process.unsendable',
  'process.rename',
  'pool',
  'pool.imap',
  'pool.initializer',
  'pool.maxtasks',
  'pool.callbacks',
  'pool.callbacks.throwing',
  'queue',
  'queue.bounded',
  'queue.cross-process',
];

export const implementation: Implementation = {
  name: 'reference',
  description: 'multiproc reference/ (this repository)',
  capabilities: new Set(CAPABILITIES),
  open: async () => new ReferenceSession(),
};

export default implementation;
