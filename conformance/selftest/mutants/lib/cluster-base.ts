import cluster from '../../adapters/cluster/index.js';
import type { Implementation, PoolHandle, PoolStatsView } from '../../../harness/implementation.js';
import { ensureRedisForCluster } from '../../private-redis.js';

/**
 * The cluster adapter as a mutant's base (MutantSpec.base), for violations of what only the cluster pool does: it
 * needs Redis (MULTIPROC_REDIS_URL, or a private redis-server started for the run), found or started on open.
 */
export const clusterBase: Implementation = {
  ...cluster,
  open: () => {
    ensureRedisForCluster();
    return cluster.open();
  },
};

/**
 * The pool override of a mutant whose cluster pool never hears of the remote processes replaced for `reason`: its
 * stats() read that count as 0 (what the pool said before it was told).
 */
export function statsBlindTo(reason: keyof PoolStatsView['recycled']) {
  return {
    stats: (base: PoolHandle) => async () => {
      const stats = await base.stats!();
      return { ...stats, recycled: { ...stats.recycled, [reason]: 0 } };
    },
  };
}
