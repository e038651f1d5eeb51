import { timedFromSubmission } from './lib/timeouts.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-timeout-queue-only-stops-waiting',
  area: 'pool',
  violation: 'queueTimeoutMs only stops the waiting: the call rejects with TaskTimeoutError, but its tasks stay in line and run once a worker is free',
  aims: ['pool.timeout.queue-timeout-never-runs-the-task'],
  reaches: (t) => t.some('pool', 'cancellable', (e) => (e.args[0] as { queueTimeoutMs?: number }).queueTimeoutMs !== undefined),
  pool: {
    cancellable: (base) => (call) => {
      if (call.queueTimeoutMs === undefined) return base.cancellable!(call);
      const { queueTimeoutMs, ...untimed } = call;
      return timedFromSubmission(base, call, untimed, queueTimeoutMs);
    },
  },
});
