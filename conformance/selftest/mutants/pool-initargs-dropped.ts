import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-initargs-dropped',
  area: 'pool',
  violation: 'the initializer is run without its initargs (they are accepted and never sent to the workers)',
  aims: ['pool.initializer.receives-initargs'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { initargs?: unknown[] }).initargs ?? []).length > 0),
  poolOptions: (options) => (options.initargs === undefined ? options : { ...options, initargs: [] }),
});
