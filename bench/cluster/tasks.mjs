/**
 * The cluster section's tasks, registered from the built package as a user's module would be: the bench parent
 * imports them, and the worker command is started with this file.
 */
import { tasks } from 'multiproc';

export function square(x) {
  return x * x;
}

/** Busy for `ms` of wall time (CPU, not a sleep), then returns `x`. */
export function spin(x, ms) {
  const until = performance.now() + ms;
  while (performance.now() < until);
  return x;
}

tasks(import.meta, { square, spin });
