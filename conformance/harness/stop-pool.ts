import type { PoolHandle } from './implementation.js';
import { settlesWithin } from './settles-within.js';

/**
 * The end of a rule that may leave its pool hung (Python's pool after a worker crashed, an initializer failed or
 * a callback raised): terminate() and join(), for at most `withinMs`; past that, session.close() cleans up.
 */
export async function stopPoolWithin(pool: Pick<PoolHandle, 'terminate' | 'join'> | undefined, withinMs = 3000): Promise<void> {
  if (pool === undefined) return;
  const stopped = (async () => {
    await pool.terminate().catch(() => undefined);
    await pool.join().catch(() => undefined);
  })();
  await settlesWithin(stopped, withinMs);
}
