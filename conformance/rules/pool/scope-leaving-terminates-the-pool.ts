import { RuleFailure, expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.scope.leaving-terminates-the-pool',
  statement:
    'Leaving a pool\'s scope (__exit__) calls terminate(): it returns without waiting for a task still running, join() then returns, and the pool refuses new work with "Pool not running".',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.scope'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const scope = await pool.scope!();
      const result = await pool.mapAsync('square', [0, 1, 2, 3]);
      expectEqual(await result.get(30_000), [0, 1, 4, 9], 'map_async(square, range(4)).get() inside the scope');
      await pool.applyAsync('sleepFor', [30_000]);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the 30 s task is running
      if (!(await settlesWithin(scope.leave(), 10_000))) {
        throw new RuleFailure('leaving the scope with a 30 s task running', 'done within 10000 ms (terminate, not close and join)', 'still pending');
      }
      if (!(await settlesWithin(pool.join(), 10_000))) throw new RuleFailure('join() after leaving the scope', 'done within 10000 ms', 'still pending');
      const error = await expectRejects(() => pool.mapAsync('square', [1]), /Pool not running/, 'map_async(square, [1]) after leaving the scope', 10_000);
      expectTrue(error instanceof Error, 'the refusal is an Error', error);
    });
  },
});
