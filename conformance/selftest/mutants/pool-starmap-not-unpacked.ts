import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-starmap-not-unpacked',
  area: 'pool',
  violation: 'starmap passes each argument tuple as one argument (it is map), instead of unpacking it',
  aims: ['pool.starmap.unpacks-argument-tuples'],
  reaches: (t) =>
    t.some('pool', ['starmap', 'starmapAsync'], (e) => Array.isArray(e.args[1]) && e.args[1].some((args) => Array.isArray(args) && args.length > 0)),
  pool: {
    starmap: (base) => (task, argLists, chunksize) => base.map(task, argLists, chunksize),
    starmapAsync: (base) => (task, argLists, chunksize) => base.mapAsync(task, argLists, chunksize),
  },
});
