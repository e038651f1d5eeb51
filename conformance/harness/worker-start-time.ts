/**
 * How long starting a worker takes on this machine, now. A rule that must wait "long enough for the workers to
 * have started" cannot use a fixed time: on a loaded 2-core machine one worker start took over 3 s, and a rule
 * that waited 3 s then judged a pool whose workers had not yet started.
 */
import type { Session } from './implementation.js';
import { withPool } from './with-pool.js';

/**
 * The time to create a one-worker pool with an initializer and get one noop back from it, in milliseconds. With an
 * initializer: a pool that keeps warm processes for plain pools (the cluster's worker commands) must still start
 * fresh ones for a pool with a set-up of its own, as a pool whose initializer raises has.
 */
export async function workerStartMs(session: Session): Promise<number> {
  const started = performance.now();
  await withPool(session, { processes: 1, initializer: 'noop' }, (pool) => pool.apply('noop', []));
  return performance.now() - started;
}
