import { ABORT_ERROR, detached } from './lib/cancellable.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-cancel-stays-in-the-parent',
  area: 'pool',
  violation: 'an aborted call rejects at once, but its workers are never told: the running task goes on, and so do the chunks after it',
  aims: ['pool.cancel.running-task-sees-the-abort', 'pool.cancel.map-aborted-halfway-sends-no-more'],
  reaches: (t) => t.some('pool', 'cancellable'),
  pool: {
    cancellable: (base) => (call) =>
      call.abortedBefore === true ? base.cancellable!(call) : detached(base, call, (reason, real) => (reason === undefined ? real : ABORT_ERROR(reason))),
  },
});
