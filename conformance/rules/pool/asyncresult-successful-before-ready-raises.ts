import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.asyncresult.successful-before-ready-raises',
  statement: 'AsyncResult.successful() raises ValueError while the result is not ready.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.successful',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const result = await pool.applyAsync('slowSquare', [5, 4000]);
      await expectRejects(() => result.successful(), /not ready/, 'successful() while slowSquare(5, 4000) runs');
      expectEqual(await result.get(60_000), 25, 'get(60000) of the same task');
      expectEqual(await result.successful(), true, 'successful() once it is ready');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
