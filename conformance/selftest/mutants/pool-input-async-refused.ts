import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-input-async-refused',
  area: 'pool',
  violation: 'the map methods take sync iterables only (a Symbol.iterator check): an async iterable is refused with TypeError',
  aims: ['pool.map.takes-an-async-iterable'],
  reaches: (t) => t.some('pool', 'withInput', (e) => JSON.stringify(e.args[2]).includes('"asyncIterable"')),
  pool: {
    withInput: (base) => async (method, task, input, chunksize) => {
      if (!Array.isArray(input) && 'asyncIterable' in input) throw new TypeError(`Pool.${method}(fn, iterable): iterable must be iterable`);
      return base.withInput!(method, task, input, chunksize);
    },
  },
});
