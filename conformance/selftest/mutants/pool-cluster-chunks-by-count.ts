import { clusterBase } from './lib/cluster-base.js';
import { defineMutant } from './lib/mutant.js';

/** Python's default chunksize, ceil(len / (4 * processes)), whatever the items cost. */
function byCount(length: number, processes: number | undefined): number | undefined {
  return length === 0 ? undefined : Math.ceil(length / ((processes ?? 1) * 4));
}

/**
 * The cluster pool (it alone claims pool.chunks-by-work) with Python's item-count heuristic back as the default
 * chunksize: trivial and slow work of the same length are cut into the same chunks. It opens the cluster adapter,
 * so it needs Redis (MULTIPROC_REDIS_URL, or a private redis-server started for the run).
 */
export default defineMutant({
  name: 'pool-cluster-chunks-by-count',
  area: 'pool',
  violation: 'the cluster pool cuts a map given no chunksize by Python\'s item count, not by measured work: slow items get chunks as large as trivial ones',
  aims: ['pool.map.default-chunks-follow-the-work'],
  reaches: (t) => t.some('pool', ['tasksDone'], () => true),
  base: clusterBase,
  pool: {
    map: (base, { options }) => (task, items, chunksize) => base.map(task, items, chunksize ?? byCount(items.length, options.processes)),
    starmap: (base, { options }) => (task, argLists, chunksize) =>
      base.starmap(task, argLists, chunksize ?? byCount(argLists.length, options.processes)),
    mapAsync: (base, { options }) => (task, items, chunksize) => base.mapAsync(task, items, chunksize ?? byCount(items.length, options.processes)),
    starmapAsync: (base, { options }) => (task, argLists, chunksize) =>
      base.starmapAsync(task, argLists, chunksize ?? byCount(argLists.length, options.processes)),
  },
});
