import { defineMutant } from './lib/mutant.js';

const below = (chunksize: number | undefined) => chunksize !== undefined && chunksize < 1;
/** The check that imap has is missing from the map methods: a chunksize below 1 falls back to the default. */
const fixed = (chunksize: number | undefined) => (below(chunksize) ? undefined : chunksize);

export default defineMutant({
  name: 'pool-map-chunksize-below-one-accepted',
  area: 'pool',
  violation: 'map, starmap, mapAsync and starmapAsync take a chunksize below 1 as "the default" instead of refusing it',
  aims: ['pool.map.chunksize-below-one-fails'],
  reaches: (t) => t.some('pool', ['map', 'starmap', 'mapAsync', 'starmapAsync'], (e) => below(e.args[2] as number | undefined)),
  pool: {
    map: (base) => (task, items, chunksize) => base.map(task, items, fixed(chunksize)),
    starmap: (base) => (task, argLists, chunksize) => base.starmap(task, argLists, fixed(chunksize)),
    mapAsync: (base) => (task, items, chunksize) => base.mapAsync(task, items, fixed(chunksize)),
    starmapAsync: (base) => (task, argLists, chunksize) => base.starmapAsync(task, argLists, fixed(chunksize)),
  },
});
