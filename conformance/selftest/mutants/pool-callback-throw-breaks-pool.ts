import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

/** What a pool whose result handling stopped gives: a result that never arrives. */
const never = () => resultOf(new Promise(() => undefined));

/**
 * Emulates CPython's pool after a callback raised: the exception ends its result-handler thread, so that result
 * and every later one stay pending for ever.
 */
export default defineMutant({
  name: 'pool-callback-throw-breaks-pool',
  area: 'pool',
  violation: "a callback that raises stops the pool's result handling: that result and every later one never arrive",
  aims: ['pool.callbacks.throwing-callback-leaves-the-pool-working'],
  reaches: (t) => t.some('pool', 'applyAsync', (e) => (e.args[2] as { callbacksThrow?: boolean } | undefined)?.callbacksThrow === true),
  pool: {
    applyAsync: (base, { state }) => async (task, args, options) => {
      if (state.broken === true) return never();
      if (options?.callbacksThrow !== true) return base.applyAsync(task, args, options);
      state.broken = true;
      return never();
    },
    mapAsync: (base, { state }) => async (task, items, chunksize) => (state.broken === true ? never() : base.mapAsync(task, items, chunksize)),
  },
});
