import type { PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { raisingInitializer } from './lib/trace-view.js';

const isInitializerFailure = (error: unknown) => error instanceof Error && error.name === 'InitializerError';

/**
 * The worker catches what the initializer raised and goes on to run tasks. Emulated without knowing which
 * initializer raises: work that the reference fails for its initializer runs instead on a pool of the same size
 * without one (created on first need, stopped with the pool).
 */
function withoutInitializer(context: PoolContext): Promise<PoolHandle> {
  const { processes, maxTasksPerChild } = context.options;
  context.state.fallback ??= context.session.base.createPool!({
    ...(processes === undefined ? {} : { processes }),
    ...(maxTasksPerChild === undefined ? {} : { maxTasksPerChild }),
  });
  return context.state.fallback as Promise<PoolHandle>;
}

function ignoring<K extends 'map' | 'starmap' | 'apply' | 'imap' | 'imapUnordered'>(key: K) {
  return (base: PoolHandle, context: PoolContext) =>
    (async (...args: unknown[]) => {
      const call = (pool: PoolHandle) => (pool[key] as (...a: unknown[]) => Promise<unknown>)(...args);
      try {
        return await call(base);
      } catch (error) {
        if (!isInitializerFailure(error)) throw error;
        return call(await withoutInitializer(context));
      }
    }) as PoolHandle[K];
}

async function stopFallback(context: PoolContext): Promise<void> {
  const fallback = context.state.fallback as Promise<PoolHandle> | undefined;
  if (fallback === undefined) return;
  const pool = await fallback;
  await pool.terminate();
  await pool.join();
}

export default defineMutant({
  name: 'pool-initializer-error-ignored',
  area: 'pool',
  violation: 'an initializer that raises is ignored: the worker goes on to run tasks without it',
  aims: ['pool.initializer.failure-rejects-work'],
  reaches: (t) => t.some('session', 'createPool', raisingInitializer),
  pool: {
    map: ignoring('map'),
    starmap: ignoring('starmap'),
    apply: ignoring('apply'),
    imap: ignoring('imap'),
    imapUnordered: ignoring('imapUnordered'),
    terminate: (base, context) => async () => {
      await base.terminate();
      await stopFallback(context);
    },
  },
});
