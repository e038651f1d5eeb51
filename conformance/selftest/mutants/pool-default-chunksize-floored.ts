import { cpus } from 'node:os';
import { defineMutant } from './lib/mutant.js';

/** The default chunksize with the division rounded down instead of up (at least 1). */
function floored(length: number, processes: number | undefined): number {
  return Math.max(1, Math.floor(length / ((processes ?? cpus().length) * 4)));
}

export default defineMutant({
  name: 'pool-default-chunksize-floored',
  area: 'pool',
  violation: 'the default chunksize rounds len / (4 * processes) down instead of up: chunks are smaller than Python\'s, and more of them',
  aims: ['pool.map.default-chunksize-is-a-quarter-per-worker'],
  reaches: (t) => t.some('pool', ['map', 'starmap', 'mapAsync', 'starmapAsync'], (e) => e.args[2] === undefined),
  pool: {
    map: (base, { options }) => (task, items, chunksize) => base.map(task, items, chunksize ?? floored(items.length, options.processes)),
    starmap: (base, { options }) => (task, argLists, chunksize) =>
      base.starmap(task, argLists, chunksize ?? floored(argLists.length, options.processes)),
    mapAsync: (base, { options }) => (task, items, chunksize) => base.mapAsync(task, items, chunksize ?? floored(items.length, options.processes)),
    starmapAsync: (base, { options }) => (task, argLists, chunksize) =>
      base.starmapAsync(task, argLists, chunksize ?? floored(argLists.length, options.processes)),
  },
});
