/** The retry figure's task: says which worker command runs it (its parent's pid, in a file), then spins. */
import { writeFileSync } from 'node:fs';
import { tasks } from '../../reference/src/index.js';

/** Writes this process's parent pid (the worker command) to `path` once started, busy for `ms`, returns `x`. */
export function spinAndSay(path: string, x: number, ms: number): number {
  writeFileSync(path, `${process.ppid}\n`, { flag: 'a' });
  const until = performance.now() + ms;
  while (performance.now() < until);
  return x;
}

tasks(import.meta, { spinAndSay });
