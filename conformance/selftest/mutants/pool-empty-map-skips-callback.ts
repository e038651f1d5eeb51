import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/**
 * A map_async that short-cuts an empty input: the result is ready with [] at once, but the code that calls the
 * callback (on the last chunk's arrival) never runs, as in CPython's MapResult.
 */
const emptyWithoutCallback = () => {
  const result = resultOf(Promise.resolve([]));
  return { ...result, callbacks: async () => ({ values: [], errors: [] }) };
};

export default defineMutant({
  name: 'pool-empty-map-skips-callback',
  area: 'pool',
  violation: 'map_async and starmap_async of an empty input never call their callback',
  aims: ['pool.mapasync.empty-input-calls-the-callback'],
  reaches: (t) => t.some('pool', ['mapAsync', 'starmapAsync'], (e) => Array.isArray(e.args[1]) && e.args[1].length === 0),
  pool: {
    mapAsync: (base) => async (task, items, chunksize) => (items.length === 0 ? emptyWithoutCallback() : base.mapAsync(task, items, chunksize)),
    starmapAsync: (base) => async (task, argLists, chunksize) =>
      argLists.length === 0 ? emptyWithoutCallback() : base.starmapAsync(task, argLists, chunksize),
  },
});
