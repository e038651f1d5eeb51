import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.join.before-close-fails',
  statement: 'join() on a Pool that was neither closed nor terminated raises ValueError "Pool is still running", and the pool keeps working.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.join',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const error = await expectRejects(() => pool.join(), /Pool is still running/, 'join() before close() or terminate()');
      expectError(error, { name: VALUE_ERROR_FOR_STATE }, 'the error join() raised before close()');
      expectEqual(await pool.map('square', [1, 2, 3]), [1, 4, 9], 'map(square, [1, 2, 3]) after the refused join()');
    });
  },
});
