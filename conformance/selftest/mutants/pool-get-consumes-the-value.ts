import { defineMutant } from './lib/mutant.js';

/** A result that hands its value out once and then drops it (a one-shot channel read, say): later gets get nothing. */
export default defineMutant({
  name: 'pool-get-consumes-the-value',
  area: 'pool',
  violation: 'AsyncResult.get() returns the value only the first time; later calls return undefined',
  aims: ['pool.asyncresult.get-returns-the-value-each-time'],
  reaches: (t) => t.calls('result', 'get').length > 1,
  result: {
    get: (base, { state }) => async (timeoutMs) => {
      const value = await base.get(timeoutMs);
      if (state.taken === true) return undefined;
      state.taken = true;
      return value;
    },
  },
});
