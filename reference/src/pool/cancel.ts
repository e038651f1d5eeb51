/**
 * A call's cancellation, on the parent's side: the `{ signal, graceMs }` a Pool method was given, checked, and
 * the record every Task of that call shares. The path is signal → pool (the job rejects, its queued tasks are
 * dropped) → worker set (link.cancel for the tasks workers hold; a worker that has not let go of its running
 * one within graceMs is stopped and replaced, as after a crash).
 */
import { describeValue } from '../describe-value.js';
import { AbortError } from '../errors.js';
import { checkDuration } from '../timeouts.js';
import { callGraceMs } from './grace.js';
import { TIMEOUT_OPTION_KEYS, type TimeoutOptions } from './task-timeout.js';
import type { ProgressListener } from './progress.js';
import { IDEMPOTENT_OPTION_KEYS, type IdempotentOptions } from './idempotent.js';

/** What every Pool method that runs tasks takes besides its Python arguments. */
export interface CallOptions extends TimeoutOptions, IdempotentOptions {
  /**
   * Aborting it rejects the call at once with AbortError (`cause`: the signal's reason); tasks not started are
   * dropped, the running ones see `currentTask().signal` fire in their worker.
   */
  readonly signal?: AbortSignal;
  /**
   * How long a running task may take to return once its signal fired (an abort, or its timeoutMs passed) before
   * its worker is stopped (SIGTERM, then SIGKILL as terminate() does) and replaced, in ms; the pool's
   * `cancelGraceMs` (1000) by default. Infinity never stops the worker.
   */
  readonly graceMs?: number;
  /**
   * Called in the parent with `{ done, total }` as the call's chunks finish, and with `{ done, total, value, index }`
   * when a task calls `currentTask().progress(value)`; in order, never after the call settled. Without it the
   * workers send nothing of the kind. See progress.ts.
   */
  readonly onProgress?: ProgressListener;
}

/** The keys of CallOptions, for the methods whose options objects carry other keys too. */
export const CALL_OPTION_KEYS: readonly string[] = ['signal', 'graceMs', ...TIMEOUT_OPTION_KEYS, 'onProgress', ...IDEMPOTENT_OPTION_KEYS] satisfies (keyof CallOptions)[];

/** Shared by every Task of one aborted-or-not call. */
export interface Cancellation {
  readonly signal: AbortSignal;
  /** undefined: never stop the worker. */
  readonly graceMs: number | undefined;
  /** Set once the signal fired: the scheduler drops such tasks, a worker that died with one does not re-run it. */
  aborted: boolean;
}

/** The AbortError a call aborted through `signal` rejects with. */
export function abortError(signal: AbortSignal, method: string): AbortError {
  const reason: unknown = signal.reason;
  const said = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new AbortError(`Pool.${method}() was aborted${said === '' ? '' : `: ${said}`}`, { cause: reason });
}

/**
 * The cancellation of a call given `options` (checked here: `method` names the call in errors), or undefined
 * when it has no signal. `defaultGraceMs` is the pool's cancelGraceMs (undefined: never stop the worker).
 */
export function readCancellation(options: CallOptions | undefined, method: string, defaultGraceMs: number | undefined): Cancellation | undefined {
  if (options === undefined || options === null) return undefined;
  const { signal, graceMs } = options;
  if (graceMs !== undefined) checkGraceMs(graceMs, `Pool.${method}(…, options): graceMs`);
  if (signal === undefined) return undefined;
  if (!isAbortSignal(signal)) {
    throw new TypeError(`Pool.${method}(…, options): signal must be an AbortSignal (new AbortController().signal, AbortSignal.timeout(ms)), got ${describeValue(signal)}`);
  }
  return { signal, graceMs: callGraceMs(graceMs, defaultGraceMs), aborted: false };
}

/** `value` checked as a grace period: a non-negative number of milliseconds, Infinity for never. */
export function checkGraceMs(value: unknown, name: string): number {
  const expected = `${name} must be a non-negative number of milliseconds (how long an aborted task may take to ` +
    'return before its worker is stopped; Infinity never stops it)';
  return checkDuration(value, expected);
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (value instanceof AbortSignal) return true;
  // One from another realm or a polyfill: what the pool uses of it.
  const candidate = value as Partial<AbortSignal> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' && typeof candidate.removeEventListener === 'function';
}
