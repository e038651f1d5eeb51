import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-processes-zero-means-default',
  area: 'pool',
  violation: 'processes of 0 or less is taken as "the default" (cpu count) instead of raising',
  aims: ['pool.processes.zero-fails'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { processes?: number }).processes ?? 1) < 1),
  poolOptions: (options) => ((options.processes ?? 1) < 1 ? { ...options, processes: undefined } : options),
});
