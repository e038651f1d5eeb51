/**
 * The items of one queue, kept in the process that created it, with FIFO waiting lists for `get` on an
 * empty queue and `put` on a full one. Local and remote callers both end up here.
 */
import { QueueClosedError, QueueEmpty, QueueFull } from '../errors.js';
import { startTimer, type LongTimer } from '../timeouts.js';

export interface WaitOptions {
  readonly block: boolean;
  /** Only when blocking; undefined waits without limit. */
  readonly timeoutMs: number | undefined;
  /** A remote caller that disconnects stops waiting, so no item is handed to a process that is gone. */
  readonly signal?: AbortSignal;
}

interface Waiter {
  settle(): void;
  fail(error: Error): void;
  /** Stops the timer and the abort listener: called once, however the wait ends. */
  end(): void;
}

/** An item as a get took it, with its place in the queue's order (so it can be put back in that place). */
export interface Taken<T> {
  readonly item: T;
  readonly seq: number;
}

export class QueueStore<T = unknown> {
  readonly maxsize: number;
  #items: T[] = [];
  #head = 0;
  /** The place in the queue's order of the item at #head: how many items have left #items. */
  #headSeq = 0;
  /**
   * Items put back (see restore), by place. They were all taken before any item still in #items (FIFO), so
   * they come out first.
   */
  readonly #restored: Taken<T>[] = [];
  readonly #getters: Waiter[] = [];
  readonly #putters: (Waiter & { item: T })[] = [];
  #closed = false;

  constructor(maxsize: number) {
    this.maxsize = maxsize;
  }

  get size(): number {
    return this.#items.length - this.#head + this.#restored.length;
  }

  get full(): boolean {
    return this.maxsize > 0 && this.size >= this.maxsize;
  }

  put(item: T, { block, timeoutMs, signal }: WaitOptions): Promise<void> {
    if (this.#closed) return Promise.reject(closed());
    if (!this.full) {
      this.#push(item);
      return Promise.resolve();
    }
    if (!block) return Promise.reject(new QueueFull('the queue is full (putNowait or put without blocking)'));
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        item,
        settle: () => resolve(),
        fail: reject,
        ...ending(timeoutMs, signal, {
          timedOut: () => {
            remove(this.#putters, waiter);
            reject(new QueueFull(`the queue stayed full for ${timeoutMs} ms`));
          },
          aborted: () => remove(this.#putters, waiter),
        }),
      };
      this.#putters.push(waiter);
    });
  }

  get(wait: WaitOptions): Promise<T> {
    return this.#get(wait, itemOf<T>);
  }

  /** As get(), with the item's place, for a caller that may have to put it back (see restore). */
  take(wait: WaitOptions): Promise<Taken<T>> {
    return this.#get(wait, whole<T>);
  }

  #get<R>({ block, timeoutMs, signal }: WaitOptions, pick: (taken: Taken<T>) => R): Promise<R> {
    if (this.#closed) return Promise.reject(closed());
    if (this.size > 0) return Promise.resolve(pick(this.#shift()));
    if (!block) return Promise.reject(new QueueEmpty('the queue is empty (getNowait or get without blocking)'));
    return new Promise<R>((resolve, reject) => {
      const waiter: Waiter = {
        // Called only when an item is there for this waiter: it is first in line.
        settle: () => resolve(pick(this.#shift())),
        fail: reject,
        ...ending(timeoutMs, signal, {
          timedOut: () => {
            remove(this.#getters, waiter);
            reject(new QueueEmpty(`no item arrived within ${timeoutMs} ms`));
          },
          aborted: () => remove(this.#getters, waiter),
        }),
      };
      this.#getters.push(waiter);
    });
  }

  /**
   * Closes the queue for everyone: waiting callers fail, later calls fail. Only for a queue no other process
   * can know (see Queue.close()).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of [...this.#getters.splice(0), ...this.#putters.splice(0)]) {
      waiter.end();
      waiter.fail(closed());
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Puts back an item a get took but could not hand over (its remote caller died before the answer reached it),
   * in the place it had, so an item no one received is neither lost nor moved: several consumers that die at
   * once may fail in any order, and their items still come out in the order they went in. The longest-waiting
   * getter, if any, gets the first. A putter admitted meanwhile may leave the queue one over maxsize until the
   * next get.
   */
  restore({ item, seq }: Taken<T>): void {
    if (this.#closed) return;
    const restored = this.#restored;
    let at = restored.length;
    while (at > 0 && restored[at - 1]!.seq > seq) at--;
    restored.splice(at, 0, { item, seq });
    const getter = this.#getters.shift();
    if (getter !== undefined) {
      getter.end();
      getter.settle();
    }
  }

  #push(item: T): void {
    this.#items.push(item);
    const getter = this.#getters.shift();
    if (getter !== undefined) {
      getter.end();
      getter.settle();
    }
  }

  #shift(): Taken<T> {
    const taken = this.#restored.length > 0 ? this.#restored.shift()! : this.#shiftHead();
    // Room was made: the longest-waiting putter gets it (unless items put back keep the queue full).
    if (this.#putters.length > 0 && !this.full) {
      const putter = this.#putters.shift()!;
      putter.end();
      this.#items.push(putter.item);
      putter.settle();
    }
    return taken;
  }

  #shiftHead(): Taken<T> {
    const taken = { item: this.#items[this.#head]!, seq: this.#headSeq++ };
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return taken;
  }
}

const itemOf = <T>(taken: Taken<T>): T => taken.item;
const whole = <T>(taken: Taken<T>): Taken<T> => taken;

function closed(): QueueClosedError {
  return new QueueClosedError('Queue is closed: the process that created it closed it before sharing it; create a new Queue');
}

/**
 * The two ways a wait ends on its own (its timeout, its caller leaving) and `end()`, which undoes both. The abort
 * listener must go when the wait ends: the signal is the connection's, shared by every request a consumer makes
 * for as long as it stays connected, so a listener left behind per wait is a leak (and a
 * MaxListenersExceededWarning past ten).
 * `timeoutMs` undefined (or Infinity, from a remote caller) waits without limit.
 */
function ending(timeoutMs: number | undefined, signal: AbortSignal | undefined,
  on: { timedOut(): void; aborted(): void }): Pick<Waiter, 'end'> {
  const onAbort = (): void => {
    timer.clear();
    on.aborted();
  };
  const timer: LongTimer = startTimer(timeoutMs === Infinity ? undefined : timeoutMs, () => {
    signal?.removeEventListener('abort', onAbort);
    on.timedOut();
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    end(): void {
      timer.clear();
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

function remove<W>(list: W[], waiter: W): void {
  const index = list.indexOf(waiter);
  if (index !== -1) list.splice(index, 1);
}
