import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-initializer-never-run',
  area: 'pool',
  violation: 'the initializer is accepted but never run in the workers',
  aims: ['pool.initializer.runs-once-per-worker'],
  reaches: (t) => t.some('session', 'createPool', (e) => (e.args[0] as { initializer?: string }).initializer !== undefined),
  poolOptions: ({ initializer: _initializer, initargs: _initargs, ...options }) => options,
});
