import { defineMutant } from './lib/mutant.js';

/** How long after readiness the late callback runs: far longer than a rule takes to look at what it recorded. */
const LATE_MS = 500;

/**
 * A pool that marks a result ready and wakes its waiters first, and calls the callback in a later turn (as
 * multiproc did, from a microtask queued after settling): whoever waited does not see the callback's effects yet.
 * Emulated by hiding what the callbacks recorded until LATE_MS after wait() or get() of that result returned.
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
      state.readyAt ??= Date.now();
    },
    get: (base, { state }) => (timeoutMs) =>
      base.get(timeoutMs).finally(() => {
        state.readyAt ??= Date.now();
      }),
    callbacks: (base, { state }) => async () => {
      const seen = await base.callbacks();
      const late = typeof state.readyAt === 'number' && Date.now() - state.readyAt < LATE_MS;
      return late ? { values: [], errors: [] } : seen;
    },
  },
});
