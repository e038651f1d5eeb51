import { defineMutant } from './lib/mutant.js';

/** Long enough for a submitted task to start on an idle worker. */
const LATE_MS = 500;

export default defineMutant({
  name: 'pool-cancel-late-for-an-aborted-signal',
  area: 'pool',
  violation: 'a signal aborted before the call is looked at only once the work has been handed to the workers: the call rejects, but its tasks have started',
  aims: ['pool.cancel.already-aborted-signal-rejects-at-the-call'],
  reaches: (t) => t.some('pool', 'cancellable', (event) => (event.args[0] as { abortedBefore?: boolean } | undefined)?.abortedBefore === true),
  pool: {
    cancellable: (base) => async (call) => {
      if (call.abortedBefore !== true) return base.cancellable!(call);
      const inner = await base.cancellable!({ ...call, abortedBefore: false });
      setTimeout(() => void inner.abort('aborted before the call'), LATE_MS);
      return inner;
    },
  },
});
