import { cpus } from 'node:os';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-default-processes-cpus-minus-one',
  area: 'pool',
  violation: 'a Pool without processes starts cpu count - 1 workers (workerpool\'s default), not cpu count',
  aims: ['pool.processes.default-is-cpu-count'],
  reaches: (t) => t.some('session', 'createPool', (e) => (e.args[0] as { processes?: number }).processes === undefined),
  poolOptions: (options) => (options.processes === undefined ? { ...options, processes: Math.max(1, cpus().length - 1) } : options),
});
