import { clusterBase } from './lib/cluster-base.js';
import { defineMutant } from './lib/mutant.js';

/**
 * The cluster pool with maxTasksPerChild dropped before it sees it: neither its slots nor the worker commands'
 * processes are renewed, so six one-item chunks run in at most the four processes of the adapter's two worker
 * commands. The cluster's own check that the rules see a remote process replaced, not just the option passed.
 * It opens the cluster adapter, so it needs Redis (MULTIPROC_REDIS_URL, or a private redis-server started for the run).
 */
export default defineMutant({
  name: 'pool-cluster-maxtasks-ignored',
  area: 'pool',
  violation: 'the cluster pool accepts maxTasksPerChild and ignores it: the worker commands\' processes are never replaced',
  aims: ['pool.maxtasks.replaces-workers'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 0) >= 1),
  base: clusterBase,
  poolOptions: (options) => ((options.maxTasksPerChild ?? 0) >= 1 ? { ...options, maxTasksPerChild: undefined } : options),
});
