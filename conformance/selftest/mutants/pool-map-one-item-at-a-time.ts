import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { durationsOf, itemsOf } from './lib/trace-view.js';

/**
 * One item at a time only makes a map slower (its values and their order are the same): a rule can tell only when
 * the items' sleeps add up to seconds.
 */
const SLOW_MS = 2000;

async function oneByOne(base: PoolHandle, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const values: unknown[] = [];
  for (const args of argLists) values.push(await base.apply(task, args));
  return values;
}

export default defineMutant({
  name: 'pool-map-one-item-at-a-time',
  area: 'pool',
  violation: 'map and starmap send the next item only when the previous result is back: one task runs at a time',
  aims: ['pool.map.runs-tasks-in-parallel'],
  reaches: (t) =>
    t.some('pool', ['map', 'starmap'], (e) => {
      if (itemsOf(e).length < 2 || e.args[0] === 'cpuBound') return false;
      return (durationsOf(e) ?? []).reduce((sum, ms) => sum + ms, 0) >= SLOW_MS;
    }),
  pool: {
    map: (base) => (task, items) => oneByOne(base, task, items.map((item) => [item])),
    starmap: (base) => (task, argLists) => oneByOne(base, task, argLists),
  },
});
