import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-get-timeout-cancels',
  area: 'pool',
  violation: 'a get() that timed out cancels the result: every later get() raises that TimeoutError again',
  aims: ['pool.asyncresult.get-after-timeout-still-returns'],
  reaches: (t) => t.some('result', 'get', (e) => t.earlier(e, 'get').some((g) => g.threw === true)),
  result: {
    get: (base, { state }) => async (timeoutMs) => {
      if (state.timedOut !== undefined) throw state.timedOut;
      try {
        return await base.get(timeoutMs);
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') state.timedOut = error;
        throw error;
      }
    },
  },
});
