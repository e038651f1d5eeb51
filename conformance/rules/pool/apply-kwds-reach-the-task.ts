import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.apply.kwds-reach-the-task',
  statement:
    'apply(func, args, kwds) calls func(*args, **kwds): scaled(x, scale=1, offset=0) with args (2,) and kwds {scale: 3, offset: 1} gives 7; a keyword left out keeps its default.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.apply',
  needs: ['pool', 'pool.kwds'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      expectEqual(await pool.apply('scaled', [2], { scale: 3, offset: 1 }), 7, 'apply(scaled, (2,), {scale: 3, offset: 1})');
      expectEqual(await pool.apply('scaled', [2], { offset: 5 }), 7, 'apply(scaled, (2,), {offset: 5})');
      expectEqual(await pool.apply('scaled', [2]), 2, 'apply(scaled, (2,)) without kwds');
    });
  },
});
