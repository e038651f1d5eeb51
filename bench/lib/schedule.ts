/**
 * Workload g (mixed durations): the ideal schedule a pool is measured against.
 *
 * "Ideal" is greedy list scheduling in submission order: each task, in the order map submits it, starts on the
 * worker that frees up first, with no overhead. That is the best any pool can do with chunksize 1 and no
 * look-ahead (a pool must not reorder a map's items); LPT (longest first) would need the whole list sorted by a
 * duration no pool knows, so it is not a fair bar. With `processes` workers it is at least sum ÷ processes.
 */
import type { SystemId } from './plan.js';
import type { Table } from './results.js';

/** Makespan (ms) of list scheduling `durations` in order on `workers` identical workers. */
export function idealMakespan(durations: readonly number[], workers: number): number {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
  const free = new Array<number>(workers).fill(0);
  for (const d of durations) {
    let first = 0;
    for (let w = 1; w < workers; w++) if (free[w]! < free[first]!) first = w;
    free[first]! += d;
  }
  return Math.max(...free);
}

/** The durations a system reported running in g (every system must run the same list), or undefined. */
function durationsOf(table: Table, system: SystemId): readonly number[] | undefined {
  const cell = table.g?.samples?.[system];
  if (!cell?.ok) return undefined;
  const durations = cell.extra?.durations;
  return Array.isArray(durations) && durations.every((d) => typeof d === 'number') ? durations as number[] : undefined;
}

/** A system's median makespan ÷ the ideal of the list it ran, or undefined when either is missing. */
export function idealRatio(table: Table, system: SystemId, processes: number): number | undefined {
  const cell = table.g?.samples?.[system];
  const durations = durationsOf(table, system);
  if (!cell?.ok || durations === undefined || durations.length === 0) return undefined;
  return cell.summary.median / idealMakespan(durations, processes);
}

/** Systems whose list differs from multiproc's (a harness bug would compare unlike work): named in the report. */
export function differentLists(table: Table): SystemId[] {
  const ours = durationsOf(table, 'multiproc');
  if (ours === undefined) return [];
  return (Object.keys(table.g?.samples ?? {}) as SystemId[]).filter((id) => {
    const theirs = durationsOf(table, id);
    return theirs !== undefined && (theirs.length !== ours.length || theirs.some((d, i) => d !== ours[i]));
  });
}
