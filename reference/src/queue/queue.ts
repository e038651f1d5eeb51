/**
 * A FIFO queue that any process can use once it is passed to it as an argument (a Process target's args, a
 * Pool task's args, or initargs). It lives in the process that created it, until that process exits; others
 * reach it over a Unix socket. close() ends only the calling process's use of it, as in Python.
 * @python multiprocessing.Queue
 */
import { checkArity } from '../arity.js';
import type { Sendable } from '../cloned.js';
import { QueueClosedError } from '../errors.js';
import { assertSerializable } from '../serialization.js';
import type { TimeoutOptions } from '../timeouts.js';
import { checkBlockOptions, checkMaxsize, checkQueueOptions, pythonBlockShape, type Wait } from './block-options.js';
import { connectionTo, type Connection } from './client.js';
import { host, hostedStore, socketAddress, unhost } from './host.js';
import { decodeItem, encodeItem } from './items.js';
import { QueueStore } from './store.js';
import type { QueueDescriptor } from './wire.js';

/** @python multiprocessing.Queue(maxsize=0) */
export interface QueueOptions {
  /** At most this many items; 0 or less means unbounded, as in Python. */
  readonly maxsize?: number;
}

/**
 * put's and get's options; a number alone is `{ timeoutMs }`, as every waiting method takes it.
 * @python Queue.put(obj, block=True, timeout=None) / Queue.get(block=True, timeout=None)
 */
export interface BlockOptions extends TimeoutOptions {
  /** false: do not wait at all (the timeout is then ignored, as in Python). */
  readonly block?: boolean;
  /** How long to wait when blocking, in ms; undefined, null or Infinity waits without limit. */
  readonly timeoutMs?: number | null;
}

type Where = { readonly local: QueueStore; readonly id: number } | { readonly remote: Connection; readonly id: number };

const BRAND = Symbol.for('multiproc.Queue');
const ADOPT = Symbol('adopt a queue from its descriptor');

/** @python multiprocessing.Queue */
export class Queue<T = unknown> {
  readonly maxsize: number;
  readonly #where: Where;
  #closed = false;
  /**
   * Whether another process may know this queue: this object was made from a descriptor, or made one. A queue
   * no other process can know is dropped when its creator closes it; a shared one lives until its creator exits.
   */
  #shared = false;
  readonly #puts = new Set<Promise<void>>();
  /** The gets this object waits for in the creator, which close() ends (see #localGet). */
  readonly #localGets = new Set<AbortController>();

  /** @python multiprocessing.Queue(maxsize=0) — `new Queue({ maxsize })` */
  constructor(options: QueueOptions = {}, ...internal: [typeof ADOPT, QueueDescriptor] | []) {
    // The only second argument is this module's own (fromDescriptor); any other is a caller's mistake.
    if (internal.length > 0 && internal[0] !== ADOPT) {
      checkArity(arguments, 1, 'new Queue', 0, () => "Python's Queue(maxsize) is new Queue({ maxsize })");
    }
    Object.defineProperty(this, BRAND, { value: true });
    if (internal.length === 2 && internal[0] === ADOPT) {
      const descriptor = internal[1];
      this.maxsize = descriptor.maxsize;
      this.#shared = true;
      const store = descriptor.ownerPid === process.pid ? hostedStore(descriptor.id) : undefined;
      this.#where = store !== undefined
        ? { local: store, id: descriptor.id }
        : { remote: connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret), id: descriptor.id };
      return;
    }
    const maxsize = checkMaxsize(checkQueueOptions(options).maxsize);
    this.maxsize = maxsize;
    const store = new QueueStore(maxsize);
    this.#where = { local: store, id: host(store) };
  }

  /** True for a Queue made by any copy of this library (so a bundled duplicate still counts). */
  static isQueue(value: unknown): value is Queue {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

  /**
   * @internal What crosses to another process in place of this queue. Throws a QueueClosedError for an object
   * closed in this process (as Python's spawn does: the pickling of a closed queue fails), and a QueueSocketError
   * when no socket can be made, before anything is sent.
   */
  toDescriptor(): QueueDescriptor {
    if (this.#closed) {
      throw new QueueClosedError(
        `${this} is closed in this process: a Queue closed here cannot be passed to another process; ` +
          'pass it before close(), or create a new Queue',
      );
    }
    const where = this.#where;
    if ('local' in where) {
      const { path, secret } = socketAddress();
      this.#shared = true;
      return { '@multiproc/queue': 1, path, id: where.id, maxsize: this.maxsize, ownerPid: process.pid, secret };
    }
    const { path, ownerPid, secret } = where.remote;
    return { '@multiproc/queue': 1, path, id: where.id, maxsize: this.maxsize, ownerPid, secret };
  }

  /** @internal The queue a descriptor stands for, as seen from this process. */
  static fromDescriptor<T>(descriptor: QueueDescriptor): Queue<T> {
    return new Queue<T>({}, ADOPT, descriptor);
  }

  /**
   * Adds an item at the end, waiting for room in a full bounded queue. Rejects with QueueFull past the timeout:
   * `options` is a number of milliseconds or `{ block, timeoutMs }`.
   * The item is copied by structured clone, so its type must survive one (Sendable): an instance of a class not
   * registered with tasks() and declared in RegisteredClasses would come out of get() without its methods.
   */
  put<I extends T>(item: I & Sendable<I>, options?: BlockOptions | number | null): Promise<void> {
    if (arguments.length > 2) {
      try {
        checkArity(arguments, 2, 'Queue.put', 1, (args) => pythonBlockShape('Queue.put', args.slice(1)) ?? 'its options are put(obj, timeoutMs) or put(obj, { block, timeoutMs })');
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const done = this.#call((where, wait) =>
      'local' in where
        ? held(where.local.put(copyOf(item), wait))
        : // Resolves once the host holds the item, so a child that awaited its puts and exited has them in the
          // queue by the time join() returns (a put that only reached the kernel could still be unread then).
          (where.remote.request({ op: 'put', queue: where.id, ...wait }, encodeItem(item)) as Promise<void>),
    options, 'Queue.put', item);
    this.#puts.add(done);
    const forget = () => this.#puts.delete(done);
    done.then(forget, forget);
    return done;
  }

  /**
   * Takes the oldest item, waiting for one. Rejects with QueueEmpty past the timeout.
   * Each item is handed over once. A process that dies while waiting here takes nothing with it, unless the
   * owner had already written the item into its socket: then that one item is lost with it, never duplicated.
   * An item that could not be written goes back to its place in the queue (another consumer may already have
   * taken items put after it). `options` is a number of milliseconds or `{ block, timeoutMs }`.
   * Typed T: put() accepts only what arrives as a T (see Sendable), so what get() returns is one.
   */
  get(options?: BlockOptions | number | null): Promise<T> {
    if (arguments.length > 1) {
      try {
        checkArity(arguments, 1, 'Queue.get', 0, (args) => pythonBlockShape('Queue.get', args) ?? 'its options are get(timeoutMs) or get({ block, timeoutMs })');
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.#call(
      (where, wait) =>
        'local' in where
          ? held(this.#localGet(where.local, wait))
          : (where.remote.request({ op: 'get', queue: where.id, ...wait }) as Promise<T>),
      options,
      'Queue.get',
    );
  }

  /** @python Queue.put_nowait() — rejects with QueueFull at once when there is no room. */
  putNowait<I extends T>(item: I & Sendable<I>): Promise<void> {
    return this.put<I>(item, { block: false });
  }

  /** @python Queue.get_nowait() — rejects with QueueEmpty at once when there is no item. */
  getNowait(): Promise<T> {
    return this.get({ block: false });
  }

  /** The exact number of items (Python's is approximate, and missing on macOS). */
  async qsize(): Promise<number> {
    this.#checkOpen();
    const where = this.#where;
    if ('local' in where) return where.local.size;
    return (await where.remote.request({ op: 'size', queue: where.id })) as number;
  }

  async empty(): Promise<boolean> {
    return (await this.qsize()) === 0;
  }

  async full(): Promise<boolean> {
    // qsize() first, so a closed queue rejects whatever its maxsize.
    const size = await this.qsize();
    return this.maxsize > 0 && size >= this.maxsize;
  }

  /**
   * This object will put and get no more: later calls reject with QueueClosedError. In the process that created
   * the queue, a get this object waits in fails the same way (it would otherwise hold the process open); elsewhere
   * a get already sent to the host goes on. Puts it made before close() still reach the queue (joinThread() waits
   * for them). The queue itself goes on for every other process, even when this is the process that created it:
   * they keep its items, go on putting and getting, and a get they wait in goes on waiting. It lives until the
   * process that created it exits (one closed there before it was ever passed on is dropped at once: no other
   * process can reach it). @python Queue.close()
   */
  close(): void {
    if (arguments.length > 0) checkArity(arguments, 0, 'Queue.close');
    if (this.#closed) return;
    this.#closed = true;
    const where = this.#where;
    if (!('local' in where)) return;
    if (!this.#shared) {
      // No other process can know this queue: nothing would ever get its items.
      where.local.close();
      unhost(where.id);
      return;
    }
    for (const get of this.#localGets) get.abort(new QueueClosedError(`${this} was closed in this process while this get waited`));
  }

  /**
   * Resolves when every put made through this object has reached the queue. Python's join_thread waits for
   * its feeder thread; here a put resolves only once the queue holds the item, so this waits for puts not
   * yet awaited. @python Queue.join_thread()
   */
  async joinThread(): Promise<void> {
    if (arguments.length > 0) checkArity(arguments, 0, 'Queue.joinThread', 0, () => 'it takes no timeout: it waits until every put made through this object has reached the queue');
    await Promise.allSettled([...this.#puts]);
  }

  toString(): string {
    return `<Queue maxsize=${this.maxsize}${this.#closed ? ' closed' : ''}>`;
  }

  /** Runs a call; what it throws at once (closed here, an item that cannot be cloned) becomes a rejection. */
  #call<R>(run: (where: Where, wait: Wait) => Promise<R>, options: unknown, method: string, ...item: [T] | []): Promise<R> {
    try {
      this.#checkOpen();
      return run(this.#where, checkBlockOptions(options, method));
    } catch (error) {
      return Promise.reject(item.length === 1 && !(error instanceof QueueClosedError) ? cloneError(item[0], error) : error);
    }
  }

  /** A get in the creator, which close() of this object ends without taking an item. */
  #localGet(store: QueueStore, wait: Wait): Promise<T> {
    // Settles at once (an item is there, or no waiting was asked for): nothing for close() to end, so none of the
    // abort machinery below, which costs more than the get itself on a parent draining its result queue.
    if (store.size > 0 || !wait.block) return store.get(wait) as Promise<T>;
    const controller = new AbortController();
    const { signal } = controller;
    this.#localGets.add(controller);
    // The store stops waiting on the same signal, so no item is taken for a get that failed.
    const ended = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    ended.catch(() => undefined);
    const got = store.get({ ...wait, signal }) as Promise<T>;
    const forget = () => this.#localGets.delete(controller);
    got.then(forget, forget);
    return Promise.race([got, ended]);
  }

  #checkOpen(): void {
    if (this.#closed) throw new QueueClosedError(`${this} is closed in this process: use another Queue object`);
  }
}

/**
 * In the owner, too, the queue holds a copy made at put(), as in every other process: later changes to the
 * object do not reach the queue, get() returns a new object, and only structured-clone values are accepted.
 */
function copyOf<T>(item: T): T {
  return decodeItem(encodeItem(item)) as T;
}

/** v8's DataCloneError becomes the SerializationError task arguments get, naming the value and the fix. */
function cloneError(item: unknown, error: unknown): unknown {
  try {
    assertSerializable([item], () => 'a Queue item');
  } catch (refused) {
    return refused;
  }
  return error;
}

/** A local wait holds the event loop open, as a blocking get would hold Python's main thread. */
function held<R>(promise: Promise<R>): Promise<R> {
  const hold = setInterval(() => undefined, 1 << 30);
  const release = () => clearInterval(hold);
  promise.then(release, release);
  return promise;
}

// A queue a task receives is made by the worker's copy of multiproc: the instance brand isQueue() reads (one
// Symbol.for key, shared by every copy) makes it an `instanceof Queue` of the task's copy too.
Object.defineProperty(Queue, Symbol.hasInstance, { value: (value: unknown) => Queue.isQueue(value) });
