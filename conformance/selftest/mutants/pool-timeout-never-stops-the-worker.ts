import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-timeout-never-stops-the-worker',
  area: 'pool',
  violation: 'a timed-out task\'s grace period never ends: one that ignores its signal keeps its worker until it returns, and the pool runs one worker short meanwhile',
  aims: ['pool.timeout.runaway-task-worker-replaced-pool-keeps-size'],
  reaches: (t) => t.some('pool', 'cancellable', (e) => (e.args[0] as { timeoutMs?: number }).timeoutMs !== undefined),
  pool: {
    cancellable: (base) => (call) => base.cancellable!(call.timeoutMs === undefined ? call : { ...call, graceMs: Infinity }),
  },
});
