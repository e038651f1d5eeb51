import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.join.before-close-fails',
  statement: 'join() on a Pool that was neither closed nor terminated raises ValueError "Pool is still running", and the pool keeps working.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.join',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      await expectRejects(() => pool.join(), /Pool is still running/, 'join() before close() or terminate()');
      expectEqual(await pool.map('square', [1, 2, 3]), [1, 4, 9], 'map(square, [1, 2, 3]) after the refused join()');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
