import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-recycle-memory-ignored',
  area: 'pool',
  violation: 'maxMemoryPerChildMb is accepted and never checked: a worker past it goes on taking tasks until the system kills it',
  aims: ['pool.recycle.memory-limit-retires-the-worker-after-its-task'],
  reaches: (t) => t.some('session', 'createPool', (e) => (e.args[0] as { maxMemoryPerChildMb?: number })?.maxMemoryPerChildMb !== undefined),
  poolOptions: (options) => {
    const { maxMemoryPerChildMb: _ignored, ...rest } = options;
    return rest;
  },
});
