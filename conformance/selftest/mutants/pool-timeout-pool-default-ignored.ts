import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-timeout-pool-default-ignored',
  area: 'pool',
  violation: 'the pool\'s taskTimeoutMs is accepted and ignored: a call without its own timeoutMs runs without limit',
  aims: ['pool.timeout.pool-default-applies'],
  reaches: (t) => t.some('session', 'createPool', (e) => (e.args[0] as { taskTimeoutMs?: number }).taskTimeoutMs !== undefined),
  poolOptions: (options) => {
    if (options.taskTimeoutMs === undefined) return options;
    const { taskTimeoutMs: _dropped, ...rest } = options;
    return rest;
  },
});
