/**
 * The handle of work submitted without waiting. @python multiprocessing.pool.AsyncResult
 */
import { checkArity, timeoutOnly } from '../arity.js';
import { NotReadyError, TimeoutError } from '../errors.js';
import { delay, readTimeout, type Timeout } from '../timeouts.js';
import { callGuarded, type CallbackContext } from './callback-errors.js';

export interface ResultCallbacks<T> {
  /**
   * Called once in the parent with the value when the work succeeds, before the result becomes ready (as Python's):
   * whoever waits with wait() or get() sees what it did. If it throws (or returns a promise that rejects), the
   * result is unchanged and the error goes to the pool's `onCallbackError` (stderr without one).
   */
  readonly callback?: (value: T) => unknown;
  /** Called once in the parent with the error when the work fails; a throw is handled as for `callback`. */
  readonly errorCallback?: (error: unknown) => unknown;
}

/** What get/wait's arity error says: their one argument is the timeout. */

const ignore = (): void => undefined;

const UNOWNED: CallbackContext = { method: 'AsyncResult', onError: undefined };

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Ready only once its callback has run, as Python calls the callback before it sets the event that wait() and
 * ready() read (ApplyResult._set): whoever waits sees the callback's effects. @python multiprocessing.pool.AsyncResult
 */
export class AsyncResult<T> {
  /** Set when the result is ready: after the callback or errorCallback returned (or threw). */
  #outcome: Outcome<T> | undefined;
  /** Set when the work ended, before the callbacks run: later outcomes (a pool terminated meanwhile) are ignored. */
  #ended = false;
  /**
   * Made only when someone waits before the outcome is in (a pool creates thousands of results a second, and
   * most are asked for once, often after they are ready): one promise of the value, settled with the outcome.
   * get() returns it as it is; wait() waits on it. Waiting on a promise of nothing and then unwrapping made four
   * promises, two closures and three more microtask turns per task, all of it alive while the task was: much of
   * the parent's GC work on many tiny tasks (issue 20 b).
   */
  #value: Promise<T> | undefined;
  #resolveValue: ((value: T) => void) | undefined;
  #rejectValue: ((error: unknown) => void) | undefined;
  readonly #callbacks: ResultCallbacks<T> | undefined;
  readonly #context: CallbackContext;

  /** @internal Created by the Pool; `context` says which method took the callbacks and who hears their errors. */
  constructor(callbacks?: ResultCallbacks<T>, context: CallbackContext = UNOWNED) {
    this.#callbacks = callbacks;
    this.#context = context;
  }

  /** @python AsyncResult.ready() */
  ready(): boolean {
    return this.#outcome !== undefined;
  }

  /** Throws NotReadyError before the result is ready, as Python raises ValueError. @python AsyncResult.successful() */
  successful(): boolean {
    if (this.#outcome === undefined) throw new NotReadyError(`${this} not ready: wait() or get() first`);
    return this.#outcome.ok;
  }

  /**
   * The value, or the task's error re-raised. Rejects with TimeoutError past `timeout` (milliseconds, or
   * `{ timeoutMs }`; undefined, null or Infinity: no limit); the work goes on and a later get() can still return
   * it. @python AsyncResult.get(timeout=None)
   */
  get(timeout?: Timeout): Promise<T> {
    // Not async: without a timeout this is one promise per call, where an async function awaiting wait()
    // made three. A bad timeout still rejects rather than throws, like every other failure of get().
    let limit: number | undefined;
    try {
      if (arguments.length > 1) checkArity(arguments, 1, 'AsyncResult.get', 0, timeoutOnly('get'));
      limit = readTimeout(timeout, 'AsyncResult.get');
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#outcome !== undefined) return this.#unwrap(limit);
    if (limit === undefined) return this.#pending();
    return this.#waitChecked(limit).then(() => this.#unwrap(limit));
  }

  /**
   * Resolves when the result is ready or `timeout` has passed (milliseconds, or `{ timeoutMs }`); it does not
   * reject on a timeout or a failed task, only on a timeout that is not a non-negative number.
   * @python AsyncResult.wait(timeout=None)
   */
  wait(timeout?: Timeout): Promise<void> {
    try {
      if (arguments.length > 1) checkArity(arguments, 1, 'AsyncResult.wait', 0, timeoutOnly('wait'));
      return this.#waitChecked(readTimeout(timeout, 'AsyncResult.wait'));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** `limit` undefined waits without limit (no timer: Node's would fire after 1 ms past 2³¹−1 ms). */
  #waitChecked(limit: number | undefined): Promise<void> {
    if (this.#outcome !== undefined) return Promise.resolve();
    // Handled here, so an outcome that is an error is not an unhandled rejection for one who only waits.
    const settled = this.#pending().then(ignore, ignore);
    if (limit === undefined) return settled;
    const { elapsed, timer } = delay(limit);
    return Promise.race([settled, elapsed]).finally(() => timer.clear());
  }

  #pending(): Promise<T> {
    return (this.#value ??= new Promise<T>((resolve, reject) => {
      this.#resolveValue = resolve;
      this.#rejectValue = reject;
    }));
  }

  #unwrap(timeoutMs: number | undefined): Promise<T> {
    const outcome = this.#outcome;
    if (outcome === undefined) return Promise.reject(new TimeoutError(`no result within ${timeoutMs} ms; the task goes on`));
    return outcome.ok ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
  }

  toString(): string {
    return `<AsyncResult ${this.#outcome === undefined ? 'pending' : this.#outcome.ok ? 'ok' : 'failed'}>`;
  }

  /** @internal True once the work ended, even while its callback has yet to run: the pool forgets the job then. */
  get ended(): boolean {
    return this.#ended;
  }

  /** @internal */
  resolve(value: T): void {
    this.#finish({ ok: true, value });
  }

  /** @internal */
  reject(error: unknown): void {
    this.#finish({ ok: false, error });
  }

  #finish(outcome: Outcome<T>): void {
    if (this.#ended) return;
    this.#ended = true;
    // Most calls have no callbacks: ready now, without the closures below (their context is made on entry).
    if (this.#callbacks === undefined) return this.#ready(outcome);
    this.#whenCalledBack(outcome, this.#callbacks);
  }

  #whenCalledBack(outcome: Outcome<T>, callbacks: ResultCallbacks<T>): void {
    const { callback, errorCallback } = callbacks;
    const call = outcome.ok
      ? callback && (() => callGuarded(callback, outcome.value, 'callback', this.#context))
      : errorCallback && (() => callGuarded(errorCallback, outcome.error, 'errorCallback', this.#context));
    if (call === undefined) return this.#ready(outcome);
    // After the pool's bookkeeping, never inside it; ready once the callback returned or threw (a throw is
    // caught and reported: callback-errors.ts). An async callback's promise is not awaited: Python has none.
    queueMicrotask(() => {
      call();
      this.#ready(outcome);
    });
  }

  #ready(outcome: Outcome<T>): void {
    this.#outcome = outcome;
    if (this.#value === undefined) return;
    if (outcome.ok) this.#resolveValue!(outcome.value);
    else this.#rejectValue!(outcome.error);
  }
}
