import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/**
 * A map that collects every item's outcome and then scans them in input order (as `Promise.allSettled` followed by
 * a loop would): the error of the lowest failing index wins, not the one that arrived first.
 */
async function inOrder(base: PoolHandle, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const results = await Promise.all(argLists.map((args) => base.applyAsync(task, args)));
  const settled = await Promise.allSettled(results.map((result) => result.get()));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
}

const asArgs = (items: readonly unknown[]) => items.map((item) => [item]);

export default defineMutant({
  name: 'pool-map-lowest-index-error',
  area: 'pool',
  violation: 'when several items of a map fail, the error of the lowest index is raised, not the first to arrive',
  aims: ['pool.map.raises-the-first-error-to-arrive'],
  reaches: (t) => t.some('pool', ['map', 'starmap', 'mapAsync', 'starmapAsync'], (e) => e.threw === true) || t.some('result', 'get', (e) => e.threw === true),
  pool: {
    map: (base) => async (task, items) => inOrder(base, task, asArgs(items)),
    starmap: (base) => async (task, argLists) => inOrder(base, task, argLists),
    mapAsync: (base) => async (task, items) => resultOf(inOrder(base, task, asArgs(items))),
    starmapAsync: (base) => async (task, argLists) => resultOf(inOrder(base, task, argLists)),
  },
});
