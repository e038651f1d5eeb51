/** The cluster figures' tasks: a trivial one and one of ~10 ms of CPU. */
import { tasks } from '../../reference/src/index.js';

export function square(x: number): number {
  return x * x;
}

/** Busy for `ms` of wall time, then returns `x`. */
export function spin(x: number, ms: number): number {
  const until = performance.now() + ms;
  while (performance.now() < until);
  return x;
}

tasks(import.meta, { square, spin });
