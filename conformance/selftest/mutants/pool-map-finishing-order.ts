import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { durationsOf } from './lib/trace-view.js';

/** Each item as its own task; results are collected in the order they arrive. */
async function inFinishingOrder(base: PoolHandle, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const results = await Promise.all(argLists.map((args) => base.applyAsync(task, args)));
  const arrived: unknown[] = [];
  await Promise.all(results.map((result) => result.get().then((value) => arrived.push(value))));
  return arrived;
}

export default defineMutant({
  name: 'pool-map-finishing-order',
  area: 'pool',
  violation: 'map and starmap return results in the order the workers finished them, not in input order',
  aims: ['pool.map.preserves-order'],
  // Items that all take the same (or no) time finish in the order they were handed out, which is input order
  // on one worker and nearly always on several: only items of different durations finish out of order for sure.
  reaches: (t) => t.some('pool', ['map', 'starmap'], (e) => new Set(durationsOf(e)).size >= 2),
  pool: {
    map: (base) => async (task, items) => inFinishingOrder(base, task, items.map((item) => [item])),
    starmap: (base) => async (task, argLists) => inFinishingOrder(base, task, argLists),
  },
});
