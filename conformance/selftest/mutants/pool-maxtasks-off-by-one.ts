import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-maxtasks-off-by-one',
  area: 'pool',
  violation: 'a worker is replaced after maxTasksPerChild + 1 tasks (the count checked before the task instead of after)',
  aims: ['pool.maxtasks.worker-runs-at-most-n-tasks'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 0) >= 1),
  poolOptions: (options) => ((options.maxTasksPerChild ?? 0) >= 1 ? { ...options, maxTasksPerChild: options.maxTasksPerChild! + 1 } : options),
});
