import cluster from '../../adapters/cluster/index.js';
import type { Implementation } from '../../../harness/implementation.js';
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
