/**
 * A call's progress, on the parent's side: the `onProgress` a Pool method was given, checked, and the record
 * every Task of that call shares. Two sources feed it: what a task reports from inside its worker
 * (`currentTask().progress(value)`, coalesced by the worker: progress-out.ts) and the chunks of the call as they
 * finish. Both reach the listener synchronously, from the message that carried them, so they arrive in order and
 * before the call settles; once the job has left the result router (settled, aborted, dropped) nothing more does.
 */
import { describeValue } from '../describe-value.js';
import { callGuarded, type CallbackContext, type CallbackErrorHandler } from './callback-errors.js';

/**
 * What `onProgress` receives. `done` counts the call's items finished (a chunk's items count when the chunk's
 * result arrives); `total` is the number of items (1 for apply), undefined while an imap is still reading an
 * input that is not an array. When a task reported, `value` is what it passed to `currentTask().progress()` and
 * `index` the index in the call's input of the item it was running (for apply, 0).
 * @python — (multiprocessing has no progress reporting)
 */
export interface ProgressUpdate {
  readonly done: number;
  readonly total: number | undefined;
  readonly value?: unknown;
  readonly index?: number;
}

/** @python — `onProgress` of a Pool method's options. A throw goes to the pool's onCallbackError. */
export type ProgressListener = (update: ProgressUpdate) => unknown;

/** Shared by every Task of one call given `onProgress`. */
export class CallProgress {
  #done = 0;
  /** The call's number of items, once known (a map's input is read before it is cut into chunks). */
  total: number | undefined;
  /** imap: items submitted so far, the total once its input is read to the end. */
  #submitted = 0;

  constructor(private readonly listener: ProgressListener, total: number | undefined, private readonly context: CallbackContext) {
    this.total = total;
  }

  /** The task running item `index` reported `value`. */
  reported(index: number, value: unknown): void {
    callGuarded(this.listener, { done: this.#done, total: this.total, value, index }, 'onProgress', this.context);
  }

  /** A chunk of `count` items finished. */
  itemsDone(count: number): void {
    this.#done += count;
    callGuarded(this.listener, { done: this.#done, total: this.total }, 'onProgress', this.context);
  }

  /** imap: `count` more items of its input were submitted. */
  submitted(count: number): void {
    this.#submitted += count;
  }

  /** imap: its input is read to its end (or failed, or was abandoned): what was submitted is the total. */
  inputEnded(): void {
    this.total ??= this.#submitted;
  }
}

/**
 * The progress record of a call given `options` (checked here: `method` names the call in errors), or undefined
 * without `onProgress`, so that a call that does not ask costs nothing. `total`: the input's length when known.
 */
export function readProgress(options: { readonly onProgress?: unknown } | undefined | null, method: string, total: number | undefined,
  onError: CallbackErrorHandler | undefined): CallProgress | undefined {
  const listener = options?.onProgress;
  if (listener === undefined) return undefined;
  if (typeof listener !== 'function') {
    throw new TypeError(`Pool.${method}(…, options): onProgress must be a function that takes { done, total, value, index }, ` +
      `got ${describeValue(listener)}`);
  }
  return new CallProgress(listener as ProgressListener, total, { method, onError });
}
