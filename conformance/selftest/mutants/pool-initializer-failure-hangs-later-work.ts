import { defineMutant } from './lib/mutant.js';
import { raisingInitializer } from './lib/trace-view.js';

const isInitializerFailure = (error: unknown) => error instanceof Error && error.name === 'InitializerError';

/**
 * The pool fails the work it held when its initializer failed, then forgets: whatever is submitted afterwards
 * waits for workers that will never start.
 */
function failingOnce<A extends unknown[], R>(call: (...args: A) => Promise<R>, state: Record<string, unknown>, hang: () => Promise<R>) {
  return async (...args: A): Promise<R> => {
    if (state.initializerFailed === true) return hang();
    try {
      return await call(...args);
    } catch (error) {
      if (isInitializerFailure(error)) state.initializerFailed = true;
      throw error;
    }
  };
}

export default defineMutant({
  name: 'pool-initializer-failure-hangs-later-work',
  area: 'pool',
  violation: 'once the initializer failed, the pool rejects the work it held but leaves work submitted later pending for ever',
  aims: ['pool.initializer.failure-rejects-work'],
  reaches: (t) => t.some('session', 'createPool', raisingInitializer),
  pool: {
    map: (base, { state, session }) => failingOnce(base.map, state, () => session.hang()),
    starmap: (base, { state, session }) => failingOnce(base.starmap, state, () => session.hang()),
    apply: (base, { state, session }) => failingOnce(base.apply, state, () => session.hang()),
  },
});
