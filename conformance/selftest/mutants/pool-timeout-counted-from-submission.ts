import { timedFromSubmission } from './lib/timeouts.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-timeout-counted-from-submission',
  area: 'pool',
  violation: 'a task\'s timeoutMs counts from its call rather than from its start: a quick task that waited in line fails with TaskTimeoutError',
  aims: ['pool.timeout.counted-from-start-not-submission'],
  reaches: (t) => t.some('pool', 'cancellable', (e) => (e.args[0] as { timeoutMs?: number }).timeoutMs !== undefined),
  pool: {
    cancellable: (base) => (call) => (call.timeoutMs === undefined ? base.cancellable!(call) : timedFromSubmission(base, call)),
  },
});
