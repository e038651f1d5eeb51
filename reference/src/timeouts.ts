/**
 * Timeouts given by users, in milliseconds. Two traps live here. Node's timers hold at most 2³¹−1 ms: a larger
 * delay, Infinity among them, prints a TimeoutOverflowWarning and fires after 1 ms, so "wait for ever" would
 * end at once. And a negative or NaN timeout is a mistake, not a poll: it gets an error naming the parameter,
 * as Python's `queue.Queue.get(timeout=-1)` raises ValueError.
 */

import { describeValue } from './describe-value.js';
import { didYouMean } from './option-names.js';

/** The longest delay one Node timer can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A user's timeout checked: `undefined` when it means "no limit" (undefined, null or Infinity), else the number
 * of milliseconds (0 polls). Throws a TypeError for a value that is not a number and a RangeError for a negative
 * number or NaN, each naming `parameter`.
 */
export function checkTimeout(value: unknown, parameter: string): number | undefined {
  if (value === undefined || value === null || value === Infinity) return undefined;
  if (typeof value !== 'number') {
    throw new TypeError(`${parameter} must be a number of milliseconds (or undefined or Infinity to wait without limit), got ${describeValue(value)}`);
  }
  if (Number.isNaN(value) || value < 0) {
    throw new RangeError(`${parameter} must be a non-negative number of milliseconds (or undefined or Infinity to wait without limit), got ${value}`);
  }
  return value;
}

/**
 * A duration option checked against one rule, "a non-negative number of milliseconds, Infinity allowed", with
 * the caller's own sentence of what the option means (`expected`), followed by what was given. Returns it as is.
 */
export function checkDuration(value: unknown, expected: string): number {
  if (typeof value !== 'number') throw new TypeError(`${expected}, got ${describeValue(value)}`);
  if (Number.isNaN(value) || value < 0) throw new RangeError(`${expected}, got ${value}`);
  return value;
}

/** `{ timeoutMs }`: a waiting method's bound by name. */
export interface TimeoutOptions {
  /** How long to wait, in milliseconds; undefined, null or Infinity waits without limit, 0 polls. */
  readonly timeoutMs?: number | null;
}

/**
 * How long a waiting method waits, the same on every one of them (AsyncResult.get/wait, Process.join, the imap
 * iterator's next, Queue.get/put): a number of milliseconds, or `{ timeoutMs }`; undefined, null or Infinity
 * waits without limit. @python timeout=None, in seconds there
 */
export type Timeout = number | TimeoutOptions | null | undefined;

const TIMEOUT_KEYS = ['timeoutMs'];

/**
 * A waiting method's timeout, in either shape, checked: `undefined` for no limit, else milliseconds. `method`
 * names the method in errors (`AsyncResult.get`); `keys` are the other options its object may hold (Queue's
 * `block`), left to the caller to read. One wording for every method: `method(timeoutMs) must be …` for a
 * number, `method({ timeoutMs }) must be …` for the object's.
 */
export function readTimeout(value: unknown, method: string, keys: readonly string[] = []): number | undefined {
  // The usual case, first: no string is built for the message of an error that cannot happen (get() per task).
  if (value === undefined || value === null) return undefined;
  if (value === undefined || value === null || typeof value === 'number') return checkTimeout(value, `${method}(timeoutMs)`);
  if (typeof value !== 'object' || Array.isArray(value)) {
    const shapes = keys.length === 0 ? '{ timeoutMs }' : `{ ${[...keys, 'timeoutMs'].join(', ')} }`;
    throw new TypeError(
      `${method}(timeoutMs) must be a number of milliseconds or ${shapes} (undefined or Infinity to wait without limit), got ${describeValue(value)}`,
    );
  }
  const names = [...keys, ...TIMEOUT_KEYS];
  for (const [key, given] of Object.entries(value)) {
    if (names.includes(key)) continue;
    throw new TypeError(
      `${method}(options): unexpected option ${JSON.stringify(key)}${didYouMean(key, given, names)}; ` +
        `the option${names.length === 1 ? ' is' : 's are'} ${names.join(' and ')}`,
    );
  }
  return checkTimeout((value as TimeoutOptions).timeoutMs, `${method}({ timeoutMs })`);
}

/** A pending long timer: `clear()` stops it; `unref()` lets the process exit while it waits. */
export interface LongTimer {
  clear(): void;
  unref(): LongTimer;
}

/**
 * Calls `then` after `ms` milliseconds, however many (a chain of timers past 2³¹−1 ms); `undefined` never fires.
 * Bounds computed from a deadline, so the chain does not drift.
 */
export function startTimer(ms: number | undefined, then: () => void): LongTimer {
  let timer: NodeJS.Timeout | undefined;
  let unref = false;
  const timer$ = {
    clear(): void {
      clearTimeout(timer);
      timer = undefined;
    },
    unref(): LongTimer {
      unref = true;
      timer?.unref();
      return timer$;
    },
  };
  if (ms === undefined) return timer$;
  const deadline = performance.now() + ms;
  const arm = (delay: number): void => {
    timer = setTimeout(() => {
      const left = deadline - performance.now();
      if (left > 1) arm(left);
      else {
        timer = undefined;
        then();
      }
    }, Math.min(Math.max(0, delay), MAX_TIMER_MS));
    if (unref) timer.unref();
  };
  arm(ms);
  return timer$;
}

/** A promise that resolves after `ms` (never for `undefined`), and the timer behind it to clear. */
export function delay(ms: number | undefined): { readonly elapsed: Promise<void>; readonly timer: LongTimer } {
  let timer!: LongTimer;
  const elapsed = new Promise<void>((resolve) => (timer = startTimer(ms, resolve)));
  return { elapsed, timer };
}

