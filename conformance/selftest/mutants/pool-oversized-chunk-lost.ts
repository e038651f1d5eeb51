import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';
import { itemsOf } from './lib/trace-view.js';

/** The number of chunks computed as floor(length / chunksize): a chunksize larger than the input makes none. */
const lost = (items: readonly unknown[], chunksize: number | undefined) => chunksize !== undefined && chunksize > items.length;

export default defineMutant({
  name: 'pool-oversized-chunk-lost',
  area: 'pool',
  violation: 'the number of chunks is rounded down: a chunksize larger than the input makes no chunk, and the call returns no result',
  aims: ['pool.map.chunksize-larger-than-input-runs-every-item'],
  reaches: (t) => t.some('pool', ['map', 'starmap', 'mapAsync', 'imap'], (e) => lost(itemsOf(e), e.args[2] as number | undefined)),
  pool: {
    map: (base) => async (task, items, chunksize) => (lost(items, chunksize) ? [] : base.map(task, items, chunksize)),
    starmap: (base) => async (task, argLists, chunksize) => (lost(argLists, chunksize) ? [] : base.starmap(task, argLists, chunksize)),
    mapAsync: (base) => async (task, items, chunksize) =>
      lost(items, chunksize) ? resultOf(Promise.resolve([])) : base.mapAsync(task, items, chunksize),
    imap: (base) => async (task, items, chunksize) => (lost(items, chunksize) ? { values: [] } : base.imap(task, items, chunksize)),
  },
});
