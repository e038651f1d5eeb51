import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { seesTaskErrors } from './lib/trace-view.js';

/**
 * A result that hands its error out once and then drops it (to free memory, or as a one-shot promise consumer
 * would): the first get() raises, later ones resolve with nothing.
 */
export default defineMutant({
  name: 'pool-get-forgets-error',
  area: 'pool',
  violation: "AsyncResult.get() raises the task's error only the first time; later calls return undefined",
  aims: ['pool.asyncresult.get-reraises-the-error-each-time'],
  reaches: (t) => seesTaskErrors(t) && t.calls('result', 'get').length > 1,
  result: {
    get: (base, { state }) => async (timeoutMs) => {
      try {
        return await base.get(timeoutMs);
      } catch (error) {
        if (!fromWorker(error)) throw error;
        if (state.raised === true) return undefined;
        state.raised = true;
        throw error;
      }
    },
  },
});
