import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-input-read-twice',
  area: 'pool',
  violation: 'the map methods read their input twice (once to count it, then to cut it into chunks): a generator, which reads once, gives nothing the second time',
  aims: ['pool.map.reads-a-generator-once'],
  reaches: (t) => t.some('pool', ['withInput', 'imapIterator'], (e) => JSON.stringify(e.args).includes('"generator":[')),
  pool: {
    // The first pass (counting) exhausted the generator: what is left to chunk is empty.
    withInput: (base) => (method, task, input, chunksize) =>
      base.withInput!(method, task, !Array.isArray(input) && 'generator' in input ? { generator: [] } : input, chunksize),
  },
});
