/**
 * The task of pool-timeout.prop.ts: it leaves its pid where the property can see it when it starts, and a mark
 * when it ends, so the property can tell a task still running from one that returned or lost its worker.
 */
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
// Through implementation.ts, as every property file: on a copy named by MULTIPROC_PROPERTIES_IMPL the worker fills
// in the copy's task context, and the reference's would never fire.
import { currentTask, tasks } from './implementation.js';

/**
 * Writes its pid to `dir/<id>`, sleeps `ms` (with `heed`, only until its signal fires), writes `dir/<id>.end`
 * and returns id * 10.
 */
export async function napFor([dir, id, ms, heed]: readonly [string, number, number, boolean]): Promise<number> {
  writeFileSync(`${dir}/${id}`, String(process.pid));
  const { signal } = currentTask();
  if (heed) await sleep(ms, undefined, { signal }).catch(() => undefined);
  else await sleep(ms);
  writeFileSync(`${dir}/${id}.end`, '');
  return id * 10;
}

export function pidOf(_ignored: number): number {
  return process.pid;
}

tasks(import.meta, { napFor, pidOf });
