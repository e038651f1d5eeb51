import { defineMutant } from './lib/mutant.js';

class RangeErrorLike extends RangeError {
  override name = 'RangeError';
}

/** Python's default chunksize formula gives 0 for an empty input; this pool then refuses it. */
const refuse = () => Promise.reject(new RangeErrorLike('Chunksize must be 1+, not 0'));

export default defineMutant({
  name: 'pool-empty-map-fails',
  area: 'pool',
  violation: 'map over an empty input fails ("Chunksize must be 1+, not 0": the default chunksize is computed as 0) instead of returning []',
  aims: ['pool.map.empty-input-gives-empty-list'],
  reaches: (t) =>
    t.some('pool', ['map', 'starmap', 'mapAsync', 'starmapAsync'], (e) => Array.isArray(e.args[1]) && e.args[1].length === 0 && e.args[2] === undefined),
  pool: {
    map: (base) => (task, items, chunksize) => (items.length === 0 && chunksize === undefined ? refuse() : base.map(task, items, chunksize)),
    starmap: (base) => (task, argLists, chunksize) =>
      argLists.length === 0 && chunksize === undefined ? refuse() : base.starmap(task, argLists, chunksize),
    mapAsync: (base) => (task, items, chunksize) =>
      items.length === 0 && chunksize === undefined ? refuse() : base.mapAsync(task, items, chunksize),
    starmapAsync: (base) => (task, argLists, chunksize) =>
      argLists.length === 0 && chunksize === undefined ? refuse() : base.starmapAsync(task, argLists, chunksize),
  },
});
