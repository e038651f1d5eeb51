import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-maxtasks-zero-unlimited',
  area: 'pool',
  violation: 'maxTasksPerChild of 0 or less means "no limit" instead of raising',
  aims: ['pool.maxtasks.invalid-fails'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 1) < 1),
  poolOptions: (options) => ((options.maxTasksPerChild ?? 1) < 1 ? { ...options, maxTasksPerChild: undefined } : options),
});
