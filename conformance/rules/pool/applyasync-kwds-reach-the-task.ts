import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.kwds-reach-the-task',
  statement:
    'apply_async(func, args, kwds) runs func(*args, **kwds): the AsyncResult and the callback get scaled(2, scale=3) = 6.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.apply_async',
  needs: ['pool', 'pool.kwds', 'pool.callbacks'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const result = await pool.applyAsync('scaled', [2], { kwds: { scale: 3 } });
      expectEqual(await result.get(30_000), 6, 'apply_async(scaled, (2,), {scale: 3}).get()');
      expectEqual((await result.callbacks()).values, [6], 'what the callback of apply_async(scaled, (2,), {scale: 3}) received');
    });
  },
});
