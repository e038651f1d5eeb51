/**
 * A call's task timeouts, on the parent's side: `{ timeoutMs, queueTimeoutMs }` given to a Pool method (or the
 * pool's `taskTimeoutMs`), checked, and the record every Task of that call shares. Unlike AsyncResult.get(ms),
 * which only stops waiting (Python's meaning), these stop the work: a task past its timeoutMs fails with
 * TaskTimeoutError, its `currentTask().signal` fires, and its worker is stopped past the call's grace period
 * (the cancellation's machinery, worker-handle.ts). The running clock is task-clock.ts.
 */
import { checkDuration } from '../timeouts.js';
import { callGraceMs } from './grace.js';

/** The timeouts a Pool method takes besides `{ signal, graceMs }`. @python — (multiprocessing has no task timeouts) */
export interface TimeoutOptions {
  /**
   * How long each task of the call may run, in ms, counted from when it starts in its worker (not from the call):
   * past it the task fails with TaskTimeoutError, its `currentTask().signal` fires, and its worker is stopped and
   * replaced if the task has not returned within `graceMs`. A task is a chunk of `chunksize` items for the maps,
   * the call for apply. The pool's `taskTimeoutMs` by default; Infinity: no limit.
   */
  readonly timeoutMs?: number;
  /**
   * How long each task may wait to start, in ms from the call: past it the task fails with TaskTimeoutError
   * (`phase: 'queue'`) and never runs. No limit by default.
   */
  readonly queueTimeoutMs?: number;
}

export const TIMEOUT_OPTION_KEYS = ['timeoutMs', 'queueTimeoutMs'] satisfies (keyof TimeoutOptions)[];

/** Shared by every Task of one call given a timeout (never sent to the worker). */
export interface TaskTimeouts {
  /** undefined: no limit. */
  readonly timeoutMs: number | undefined;
  readonly queueTimeoutMs: number | undefined;
  /** How long a timed-out task may take to return before its worker is stopped; undefined: never stop it. */
  readonly graceMs: number | undefined;
  /** terminate()'s SIGKILL delay after SIGTERM for that worker; undefined: never. */
  readonly stopGraceMs: number | undefined;
}

/** The pool-wide settings a call's timeouts fall back on. */
export interface TimeoutDefaults {
  /** The pool's taskTimeoutMs; undefined: no limit. */
  readonly taskTimeoutMs: number | undefined;
  /** The pool's cancelGraceMs; undefined: never stop the worker. */
  readonly cancelGraceMs: number | undefined;
  readonly terminateGraceMs: number | undefined;
}

/**
 * The timeouts of a call given `options` (whose graceMs was checked with its signal), or undefined when it has
 * none: such a call's tasks carry nothing and cost nothing more. `method` names the call in errors. The task's name
 * in the error is its registered one, as in every other error of the pool (Scheduler.taskName).
 */
export function readTimeouts(options: TimeoutOptions & { readonly graceMs?: number } | undefined | null, method: string,
  defaults: TimeoutDefaults): TaskTimeouts | undefined {
  const given = options?.timeoutMs;
  const timeoutMs = given === undefined ? defaults.taskTimeoutMs : checkTaskTimeout(given, `Pool.${method}(…, options): timeoutMs`);
  const queued = options?.queueTimeoutMs;
  const queueTimeoutMs = queued === undefined ? undefined : checkTaskTimeout(queued, `Pool.${method}(…, options): queueTimeoutMs`);
  if (timeoutMs === undefined && queueTimeoutMs === undefined) return undefined;
  return {
    timeoutMs,
    queueTimeoutMs,
    graceMs: callGraceMs(options?.graceMs, defaults.cancelGraceMs),
    stopGraceMs: defaults.terminateGraceMs,
  };
}

/** `value` checked as a task timeout: a non-negative number of ms; undefined for Infinity (no limit). */
export function checkTaskTimeout(value: unknown, name: string): number | undefined {
  const expected = `${name} must be a non-negative number of milliseconds (how long a task may run once started, ` +
    'or wait to start for queueTimeoutMs; Infinity for no limit)';
  const ms = checkDuration(value, expected);
  return ms === Infinity ? undefined : ms;
}
