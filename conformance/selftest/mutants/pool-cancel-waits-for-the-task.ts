import { ABORT_ERROR, detached } from './lib/cancellable.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-cancel-waits-for-the-task',
  area: 'pool',
  violation: 'an aborted call rejects only once its running task has ended on its own: the abort stops the waiting, never the work',
  aims: ['pool.cancel.aborting-rejects-at-once'],
  reaches: (t) => t.some('pool', 'cancellable'),
  pool: {
    cancellable: (base) => (call) =>
      call.abortedBefore === true
        ? base.cancellable!(call)
        : detached(base, call, (reason, real) => (reason === undefined || real.settled === 'pending' ? real : ABORT_ERROR(reason))),
  },
});
