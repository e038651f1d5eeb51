import { clusterBase, statsBlindTo } from './lib/cluster-base.js';
import { defineMutant } from './lib/mutant.js';

/**
 * Emulates the cluster pool's stats before remote-recycles.ts: a process its worker command retires past
 * maxMemoryPerChildMb is replaced there, and the pool never hears of it. It opens the cluster adapter, so it needs
 * Redis (MULTIPROC_REDIS_URL, or a private redis-server started for the run).
 */
export default defineMutant({
  name: 'pool-cluster-stats-ignores-remote-retirements',
  area: 'pool',
  violation: 'the cluster pool\'s stats() never count a remote process retired for memory: recycled.memory stays 0',
  aims: ['pool.stats.counts-workers-retired-for-memory'],
  reaches: (t) => t.some('pool', 'stats'),
  base: clusterBase,
  pool: statsBlindTo('memory'),
});
