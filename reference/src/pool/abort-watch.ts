/**
 * The pool's ear on its calls' signals: a call given `{ signal }` is watched from submission until it ends,
 * and its abort is handed to the pool (which rejects the job, drops its queued tasks and tells the workers).
 * A listener per call with a signal, removed when the call ends: a long-lived signal shared by many calls
 * does not keep them, or the pool, alive.
 */
import { AsyncResult } from './async-result.js';
import { abortError, readCancellation, type CallOptions, type Cancellation } from './cancel.js';
import type { JobSink } from './jobs.js';

export type OnAbort = (job: number, cancel: Cancellation, error: Error) => void;

export class AbortWatch {
  readonly #detach = new Map<number, () => void>();

  /** `defaultGraceMs`: the pool's cancelGraceMs (undefined: never stop the worker). */
  constructor(private readonly defaultGraceMs: number | undefined, private readonly onAbort: OnAbort) {}

  /** The cancellation `options` ask for, checked; undefined without a signal. */
  read(options: CallOptions | undefined, method: string): Cancellation | undefined {
    return readCancellation(options, method, this.defaultGraceMs);
  }

  /**
   * Watches job `job` (about to be registered). When the signal has already fired, `sink` is rejected now and
   * false returned: the caller submits nothing.
   */
  watch(job: number, cancel: Cancellation, method: string, sink: JobSink): boolean {
    const { signal } = cancel;
    if (signal.aborted) {
      cancel.aborted = true;
      sink.abort(abortError(signal, method));
      return false;
    }
    const listener = (): void => {
      this.forget(job);
      cancel.aborted = true;
      this.onAbort(job, cancel, abortError(signal, method));
    };
    signal.addEventListener('abort', listener, { once: true });
    this.#detach.set(job, () => signal.removeEventListener('abort', listener));
    // An imap is forgotten when its consumer leaves (forget, from the pool's drop).
    if (sink instanceof AsyncResult) void sink.wait().then(() => this.forget(job));
    return true;
  }

  /** Job `job` ended: its signal no longer matters. */
  forget(job: number): void {
    const detach = this.#detach.get(job);
    if (detach === undefined) return;
    this.#detach.delete(job);
    detach();
  }

  /** Every job ended (the pool was terminated or broke). */
  forgetAll(): void {
    for (const detach of this.#detach.values()) detach();
    this.#detach.clear();
  }
}
