import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.successful-before-ready-raises-valueerror',
  statement: 'successful() on a result that is not ready raises ValueError ("… not ready") at once, and does not change the result: it is still not ready, then succeeds.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.successful',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const result = await pool.applyAsync('slowSquare', [4, 3000]);
      await expectErrorRejection(() => result.successful(), { name: 'ValueError', message: /not ready/ }, 'successful() while slowSquare(4, 3000) runs', 5000);
      expectEqual(await result.ready(), false, 'ready() right after');
      expectEqual(await result.get(60_000), 16, 'get(60000) of slowSquare(4, 3000)');
      expectEqual(await result.successful(), true, 'successful() once ready');
    });
  },
});
