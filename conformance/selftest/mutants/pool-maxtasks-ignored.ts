import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-maxtasks-ignored',
  area: 'pool',
  violation: 'maxTasksPerChild is accepted and ignored: workers are never replaced',
  aims: ['pool.maxtasks.replaces-workers'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 0) >= 1),
  poolOptions: (options) => ((options.maxTasksPerChild ?? 0) >= 1 ? { ...options, maxTasksPerChild: undefined } : options),
});
