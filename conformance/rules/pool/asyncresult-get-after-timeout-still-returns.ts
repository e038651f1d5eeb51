import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.get-after-timeout-still-returns',
  statement: 'A get() that timed out does not cancel the task: a later get() returns its value.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('slowSquare', [5, 1500]);
      const error = await expectRejects(() => result.get(100), /[^]*/, 'get(100) of slowSquare(5, 1500)');
      expectError(error, { name: 'TimeoutError' }, 'the error get(100) raised');
      expectEqual(await result.get(60_000), 25, 'get(60000) after the timed-out get(100)');
      expectEqual(await result.successful(), true, 'successful() once the value arrived');
    });
  },
});
