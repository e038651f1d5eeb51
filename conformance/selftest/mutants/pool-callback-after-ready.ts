import { defineMutant } from './lib/mutant.js';

/**
 * A pool that marks a result ready and wakes its waiters first, and calls the callback in a later turn (as
 * multiproc did, from a microtask queued after settling): whoever waited does not see the callback's effects yet.
 * Emulated by hiding what the callbacks recorded from the first look after wait() or get() of that result
 * returned: at that moment the late callback has not run; by the next look it has.
 */
export default defineMutant({
  name: 'pool-callback-after-ready',
  area: 'pool',
  violation: 'the callback and errorCallback run after the result is ready: wait() and get() return before they were called',
  aims: ['pool.callbacks.callback-runs-before-wait-returns', 'pool.callbacks.error-callback-runs-before-wait-returns'],
  reaches: (t) => t.some('result', 'callbacks') && t.some('result', ['wait', 'get']),
  result: {
    wait: (base, { state }) => async (timeoutMs) => {
      await base.wait(timeoutMs);
      state.late ??= true;
    },
    get: (base, { state }) =>
      (timeoutMs) =>
        base.get(timeoutMs).finally(() => {
          state.late ??= true;
        }),
    callbacks: (base, { state }) => async () => {
      const seen = await base.callbacks();
      if (state.late !== true) return seen;
      state.late = false;
      return { values: [], errors: [] };
    },
  },
});
