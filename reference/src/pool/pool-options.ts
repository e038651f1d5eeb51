/**
 * The Pool's constructor arguments, checked before any worker starts: a value that is wrong gets an error naming
 * the option and the fix, never a silent default.
 */

/** How long terminate() waits after SIGTERM before it sends SIGKILL, unless the pool says otherwise. */
export const DEFAULT_TERMINATE_GRACE_MS = 1000;

/**
 * `options.terminateGraceMs` checked: milliseconds, or undefined for Infinity (never escalate, as Python).
 * Left out, it is DEFAULT_TERMINATE_GRACE_MS.
 */
export function checkTerminateGrace(value: unknown): number | undefined {
  if (value === undefined) return DEFAULT_TERMINATE_GRACE_MS;
  const expected = 'options.terminateGraceMs must be a non-negative number of milliseconds ' +
    '(how long terminate() waits after SIGTERM before SIGKILL; Infinity never escalates, as Python)';
  if (typeof value !== 'number') throw new TypeError(`${expected}, got ${describe(value)}`);
  if (Number.isNaN(value) || value < 0) throw new RangeError(`${expected}, got ${value}`);
  return value === Infinity ? undefined : value;
}

/** A value as an error message shows it: strings quoted, objects by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
