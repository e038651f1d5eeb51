/**
 * How long a task told to stop (its call aborted, or past its timeoutMs) may take to return before its worker is
 * stopped: one reading for both, in a module of its own since cancel.ts reads the timeout options' names.
 */

/** A call's grace period from its checked `graceMs`: the pool's by default; undefined (never stop) for Infinity. */
export function callGraceMs(graceMs: number | undefined, defaultGraceMs: number | undefined): number | undefined {
  return graceMs === undefined ? defaultGraceMs : graceMs === Infinity ? undefined : graceMs;
}
