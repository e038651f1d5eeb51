import { timedFromSubmission } from './lib/timeouts.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-timeout-only-stops-waiting',
  area: 'pool',
  violation: 'timeoutMs only stops the waiting, as AsyncResult.get(timeout) does: the call rejects with TaskTimeoutError, but the task is never told and its worker runs it to its end',
  aims: ['pool.timeout.running-task-rejects-with-task-timeout-error', 'pool.timeout.runaway-task-worker-replaced-pool-keeps-size'],
  reaches: (t) => t.some('pool', 'cancellable', (e) => (e.args[0] as { timeoutMs?: number }).timeoutMs !== undefined),
  pool: {
    cancellable: (base) => (call) => {
      if (call.timeoutMs === undefined) return base.cancellable!(call);
      const { timeoutMs: _dropped, ...untimed } = call;
      return timedFromSubmission(base, call, untimed);
    },
  },
});
