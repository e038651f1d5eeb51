import type { PoolStatsView } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/**
 * Emulates a pool that starts a retiree's replacement only once the retiree has exited (Python's worker handler,
 * and the reference before issue 18): while a retiree is still listed, the worker started for it is not there yet.
 */
function hideReplacements(stats: PoolStatsView): PoolStatsView {
  const retirees = stats.workers.filter((worker) => worker.retiring).length;
  if (retirees === 0) return stats;
  const started = (worker: PoolStatsView['workers'][number]) => (worker as { startedAt?: number }).startedAt ?? 0;
  const newest = stats.workers.filter((worker) => !worker.retiring).sort((a, b) => started(b) - started(a)).slice(0, retirees);
  return { ...stats, workers: stats.workers.filter((worker) => !newest.includes(worker)) };
}

export default defineMutant({
  name: 'pool-recycle-replacement-at-exit',
  area: 'pool',
  violation: "a retiring worker's replacement is started only once it has exited: between its last task and its exit, the pool has fewer workers able to take work than its size",
  aims: ['pool.recycle.replacement-starts-before-the-retiree-leaves'],
  reaches: (t) => t.some('pool', 'stats'),
  pool: {
    stats: (base) => async () => hideReplacements(await base.stats!()),
  },
});
