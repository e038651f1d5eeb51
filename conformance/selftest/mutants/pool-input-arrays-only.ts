import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-input-arrays-only',
  area: 'pool',
  violation: 'the map methods take only arrays (an Array.isArray check): a generator, a range or another iterable is refused with TypeError',
  aims: ['pool.map.takes-any-iterable'],
  reaches: (t) => t.some('pool', 'withInput', (e) => !Array.isArray(e.args[2])),
  pool: {
    withInput: (base) => async (method, task, input, chunksize) => {
      if (!Array.isArray(input)) throw new TypeError(`Pool.${method}(fn, iterable): iterable must be an array`);
      return base.withInput!(method, task, input, chunksize);
    },
  },
});
