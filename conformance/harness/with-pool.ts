/**
 * A pool for the length of a check: created, handed to `body`, then stopped with terminate() and join() within a
 * bound. Rules use it instead of their own try/finally, so that cleanup is the same everywhere and its failures
 * are seen rather than swallowed.
 */
import { RuleFailure } from './expect.js';
import type { PoolHandle, PoolOptions, Session } from './implementation.js';
import { settlesWithin } from './settles-within.js';

export interface WithPoolOptions {
  /**
   * How long terminate() and join() may take together (default 10 s). Past it the rule fails, naming the
   * cleanup, unless `mayHang` is set.
   */
  readonly stopWithinMs?: number;
  /**
   * The check leaves the pool in a state where Python's terminate() or join() may block or raise (a worker
   * crashed, the initializer failed, a callback raised): stopping is then tried within the bound and its outcome
   * ignored; session.close() cleans up what is left.
   */
  readonly mayHang?: boolean;
}

/** Runs `body` with a fresh pool of `options`; the pool is stopped afterwards, whatever the body did. */
export async function withPool<T>(
  session: Session,
  options: PoolOptions,
  body: (pool: PoolHandle) => Promise<T>,
  { stopWithinMs = 10_000, mayHang = false }: WithPoolOptions = {},
): Promise<T> {
  if (session.createPool === undefined) throw new Error('withPool: this implementation has no createPool (it does not claim "pool")');
  const pool = await session.createPool(options);
  let result: T;
  try {
    result = await body(pool);
  } catch (error) {
    // The body's failure is the verdict: stop the pool as well as we can, without letting cleanup mask it.
    await settlesWithin(stop(pool).catch(() => undefined), stopWithinMs);
    throw error;
  }
  const stopping = stop(pool);
  if (mayHang) {
    await settlesWithin(stopping.catch(() => undefined), stopWithinMs);
    return result;
  }
  let stopError: unknown;
  const stopped = await settlesWithin(stopping.catch((error: unknown) => (stopError = error)), stopWithinMs);
  if (!stopped) throw new RuleFailure('cleanup: terminate() then join() on the pool', `done within ${stopWithinMs} ms`, 'still pending');
  if (stopError !== undefined) {
    const text = stopError instanceof Error ? `${stopError.name}: ${stopError.message}` : String(stopError);
    throw new RuleFailure('cleanup: terminate() then join() on the pool', 'no error', text);
  }
  return result;
}

async function stop(pool: PoolHandle): Promise<void> {
  await pool.terminate();
  await pool.join();
}
