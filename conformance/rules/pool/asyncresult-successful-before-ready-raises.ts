import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.successful-before-ready-raises',
  statement: 'AsyncResult.successful() raises ValueError while the result is not ready.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.successful',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('slowSquare', [5, 4000]);
      const error = await expectRejects(() => result.successful(), /not ready/, 'successful() while slowSquare(5, 4000) runs');
      expectError(error, { name: VALUE_ERROR_FOR_STATE }, 'the error successful() raised before ready');
      expectEqual(await result.get(60_000), 25, 'get(60000) of the same task');
      expectEqual(await result.successful(), true, 'successful() once it is ready');
    });
  },
});
