/**
 * The iterator behind imap and imapUnordered. It reads its input lazily: at most `maxChunks` chunks are out
 * (submitted and not yet consumed) at any time, so an endless generator or a huge stream runs in bounded
 * memory and a slow consumer holds back the producer. Python reads the whole input up front.
 * @python multiprocessing.pool.IMapIterator
 */
import { checkArity, timeoutOnly } from '../arity.js';
import { TimeoutError } from '../errors.js';
import { readTimeout, startTimer, type Timeout } from '../timeouts.js';
import type { JobSink } from './jobs.js';
import type { Values } from './packed.js';

/** What the iterator needs from its pool. */
export interface IMapHost {
  open(iterator: IMapIterator<unknown>): number;
  /** Submits one chunk; throws when the pool no longer accepts work. */
  submit(job: number, start: number, items: unknown[]): void;
  /** The iterator reads no more input (finished, failed or abandoned). */
  doneFeeding(job: number): void;
  /** Results of this job are no longer wanted. */
  drop(job: number): void;
}

type Entry<T> = { readonly value: T } | { readonly error: unknown } | { readonly endOfChunk: true };

const NEVER_TIMED_OUT = (): boolean => false;

export class IMapIterator<T> implements AsyncIterableIterator<T>, JobSink {
  readonly #source: Iterator<unknown> | AsyncIterator<unknown>;
  readonly #job: number;
  /** Ordered mode: chunks that arrived ahead of their turn, by start index. */
  readonly #early = new Map<number, Entry<T>[]>();
  readonly #sizes = new Map<number, number>();
  readonly #out: Entry<T>[] = [];
  #outHead = 0;
  #nextStart = 0;
  #expected = 0;
  #outstanding = 0;
  #exhausted = false;
  #reading = false;
  #closed = false;
  /** The pool was closed: the input is read to its end without waiting for the consumer. */
  #unbounded = false;
  /** The pool stopped (terminated, broken): thrown at the next step. */
  #fatal: { error: unknown } | undefined;
  /** The input failed or the pool refused more work: thrown after the results already submitted. */
  #lastError: { error: unknown } | undefined;
  /** Calls of next() waiting for something to happen: all are woken, and each looks again. */
  readonly #waiting = new Set<() => void>();

  constructor(
    iterable: Iterable<unknown> | AsyncIterable<unknown>,
    private readonly chunksize: number,
    private readonly ordered: boolean,
    private readonly maxChunks: number,
    private readonly host: IMapHost,
  ) {
    this.#source = Symbol.asyncIterator in Object(iterable)
      ? (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (iterable as Iterable<unknown>)[Symbol.iterator]();
    this.#job = host.open(this);
    void this.#fill();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /**
   * The next result, in input order for imap, in finishing order for imapUnordered. A failed item rejects with
   * its task's error, and the next call goes on with the items after it. With `timeoutMs`, rejects with
   * TimeoutError when no result came in time; nothing is lost: the work goes on and a later call gets the item.
   * `timeout` is in milliseconds, or `{ timeoutMs }`. @python IMapIterator.next(timeout=None)
   */
  async next(timeout?: Timeout): Promise<IteratorResult<T>> {
    if (arguments.length > 1) {
      checkArity(arguments, 1, 'imap iterator next', 0, timeoutOnly('next'));
    }
    // The usual for-await path: no timer, no extra closure per item.
    if (timeout === undefined) return this.#step(NEVER_TIMED_OUT, undefined);
    const limit = readTimeout(timeout, 'imap iterator next');
    let timedOut = false;
    const timer = limit === undefined ? undefined : startTimer(limit, () => {
      timedOut = true;
      this.#signal();
    });
    try {
      return await this.#step(() => timedOut, limit);
    } finally {
      timer?.clear();
    }
  }

  async #step(timedOut: () => boolean, limit: number | undefined): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.#outHead < this.#out.length) {
        const entry = this.#out[this.#outHead++]!;
        if (this.#outHead === this.#out.length) {
          this.#out.length = 0;
          this.#outHead = 0;
        }
        if ('endOfChunk' in entry) {
          this.#outstanding--;
          void this.#fill();
          continue;
        }
        if ('error' in entry) throw entry.error;
        return { value: entry.value, done: false };
      }
      if (this.#closed) return { value: undefined, done: true };
      const ending = this.#fatal ?? (this.#exhausted && this.#outstanding === 0 ? this.#lastError ?? null : undefined);
      if (ending !== undefined) {
        this.#finish();
        if (ending !== null) throw ending.error;
        return { value: undefined, done: true };
      }
      if (timedOut()) throw new TimeoutError(`no result of the imap within ${limit} ms; the work goes on: call next() again for it`);
      await new Promise<void>((resolve) => this.#waiting.add(resolve));
    }
  }

  /** Leaving a for-await loop early stops reading the input and drops the results still to come. */
  async return(): Promise<IteratorResult<T>> {
    if (!this.#closed) {
      this.#finish();
      await this.#source.return?.();
    }
    return { value: undefined, done: true };
  }

  /**
   * The pool was closed: reads the rest of the input now, as Python's task handler does, so that join() waits
   * for the work and not for a consumer that may never come back (one whose loop ended on a task's error, or
   * that joins before reading, as Python code does).
   */
  readToEnd(): void {
    this.#unbounded = true;
    void this.#fill();
  }

  chunkDone(start: number, values: Values): void {
    // Array.from, not values.map: map on a Float64Array would make a Float64Array of the entries.
    this.#arrive(start, Array.from(values, (value) => ({ value: value as T })));
  }

  chunkFailed(start: number, values: readonly unknown[], error: unknown): void {
    this.#arrive(start, [...values.map((value) => ({ value: value as T })), { error }]);
  }

  abort(error: unknown): void {
    this.#fatal = { error };
    this.#exhausted = true;
    this.#signal();
  }

  /** The call was aborted: the next step rejects with `error`, whatever results were waiting to be yielded. */
  cancel(error: unknown): void {
    this.#out.length = 0;
    this.#outHead = 0;
    this.#early.clear();
    this.abort(error);
  }

  #arrive(start: number, entries: Entry<T>[]): void {
    if (this.#closed) return;
    if (!this.ordered) {
      this.#out.push(...entries, { endOfChunk: true });
    } else {
      this.#early.set(start, entries);
      // Release every chunk that is now next in input order.
      for (let ready = this.#early.get(this.#expected); ready !== undefined; ready = this.#early.get(this.#expected)) {
        this.#early.delete(this.#expected);
        this.#out.push(...ready, { endOfChunk: true });
        this.#expected += this.#sizes.get(this.#expected)!;
      }
    }
    this.#signal();
  }

  async #fill(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    let items: unknown[] = [];
    try {
      while (!this.#exhausted && !this.#closed && (this.#unbounded || this.#outstanding < this.maxChunks)) {
        items = [];
        while (items.length < this.chunksize) {
          const step = await this.#source.next();
          if (step.done) {
            this.#exhausted = true;
            break;
          }
          items.push(step.value);
        }
        if (items.length === 0 || this.#closed) break;
        this.#submit(items);
        items = [];
        // Past the window, let results and the consumer in between chunks: a sync input would otherwise be read
        // to its end (or forever) without the event loop ever turning.
        if (this.#outstanding >= this.maxChunks) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // The input itself failed, or the pool stopped taking work: the iterator ends with that error once the
      // results already submitted have been yielded.
      this.#exhausted = true;
      this.#lastError ??= { error };
      // The items read before the input failed still run, so its error comes after all of their results.
      if (items.length > 0 && !this.#closed) {
        try {
          this.#submit(items);
        } catch {
          // The pool stopped taking work: that is the error already kept.
        }
      }
    } finally {
      this.#reading = false;
      if (this.#exhausted) this.host.doneFeeding(this.#job);
      this.#signal();
    }
  }

  #submit(items: unknown[]): void {
    const start = this.#nextStart;
    this.host.submit(this.#job, start, items);
    // Counted once submitted: a chunk the pool refused must not be waited for.
    this.#nextStart += items.length;
    this.#sizes.set(start, items.length);
    this.#outstanding++;
  }

  #signal(): void {
    if (this.#waiting.size === 0) return; // The common case: results arrive while nobody waits.
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const wake of waiting) wake();
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#exhausted = true;
    this.host.doneFeeding(this.#job);
    this.host.drop(this.#job);
    // A next() still waiting (return() came while it waited) looks again and finds the iterator done.
    this.#signal();
  }
}
