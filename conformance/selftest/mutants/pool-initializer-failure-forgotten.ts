import type { PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { raisingInitializer } from './lib/trace-view.js';

const isInitializerError = (error: unknown) => error instanceof Error && error.name === 'InitializerError';

/**
 * A pool that rejects the work pending when its initializer failed, but does not remember that it is broken:
 * work submitted afterwards is queued for workers that will never run it.
 */
function watched<A extends unknown[], R>(call: (...args: A) => Promise<R>, context: PoolContext): (...args: A) => Promise<R> {
  return async (...args) => {
    if (context.state.broken === true) return context.session.hang<R>();
    try {
      return await call(...args);
    } catch (error) {
      if (isInitializerError(error)) context.state.broken = true;
      throw error;
    }
  };
}

export default defineMutant({
  name: 'pool-initializer-failure-forgotten',
  area: 'pool',
  violation: 'after an initializer failure was reported, work submitted later is queued and never runs (no error)',
  aims: ['pool.initializer.failure-rejects-work-submitted-later'],
  reaches: (t) => t.some('session', 'createPool', raisingInitializer),
  pool: {
    map: (base: PoolHandle, context) => watched(base.map, context),
    starmap: (base, context) => watched(base.starmap, context),
    apply: (base, context) => watched(base.apply, context),
    applyAsync: (base, context) => watched(base.applyAsync, context),
    mapAsync: (base, context) => watched(base.mapAsync, context),
  },
});
