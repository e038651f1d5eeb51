import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.apply.blocks-and-returns',
  statement: "Pool.apply(func, args) blocks until the task is done and returns the task's value.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.apply',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const started = performance.now();
      const value = await pool.apply('slowSquare', [7, 600]);
      const took = performance.now() - started;
      expectEqual(value, 49, 'apply(slowSquare, [7, 600])');
      expectTrue(took >= 550, 'apply(slowSquare, [7, 600]) took at least 550 ms', `${Math.round(took)} ms`);
      expectEqual(await pool.apply('power', [3, 4]), 81, 'apply(power, [3, 4])');
    });
  },
});
