import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.pool.remains-usable-after-task-error',
  statement: 'A task that raises does not break the Pool: later map and apply calls return normally.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await expectRejects(() => pool.map('risky', [5, 2, 0, 1]), /Cannot process zero!/, 'map(risky, [5, 2, 0, 1])');
      expectEqual(await pool.map('square', [1, 2, 3, 4, 5]), [1, 4, 9, 16, 25], 'map(square, [1…5]) after the failed map');
      await expectRejects(() => pool.apply('risky', [0]), /Cannot process zero!/, 'apply(risky, [0])');
      expectEqual(await pool.apply('risky', [4]), 25, 'apply(risky, [4]) after the failed apply');
    });
  },
});
