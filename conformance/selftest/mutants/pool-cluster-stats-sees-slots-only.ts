import { clusterBase, statsBlindTo } from './lib/cluster-base.js';
import { defineMutant } from './lib/mutant.js';

/**
 * Emulates the cluster pool's stats before remote-crash.ts: only its own slots count, and a slot never crashes
 * (the process that died is a worker command's), so a task that ends its process is a failed chunk and no crash.
 * It opens the cluster adapter, so it needs Redis (MULTIPROC_REDIS_URL, or a private redis-server started for the run).
 */
export default defineMutant({
  name: 'pool-cluster-stats-sees-slots-only',
  area: 'pool',
  violation: 'the cluster pool\'s stats() count no crash when a worker command\'s process dies running a chunk: only the pool\'s slots, which never crash',
  aims: ['pool.stats.counts-tasks-and-recycles'],
  reaches: (t) => t.some('pool', 'stats'),
  base: clusterBase,
  pool: statsBlindTo('crash'),
});
