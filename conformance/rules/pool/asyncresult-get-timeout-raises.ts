import { expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.asyncresult.get-timeout-raises',
  statement: 'AsyncResult.get(timeout) raises multiprocessing.TimeoutError when the result does not arrive within timeout.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const result = await pool.applyAsync('slowSquare', [5, 4000]);
      const started = performance.now();
      // Python's TimeoutError has no message: any message will do, the class name is what counts.
      const error = await expectRejects(() => result.get(200), /[^]*/, 'get(200) of slowSquare(5, 4000)');
      const took = performance.now() - started;
      expectEqual(error.name, 'TimeoutError', 'class name of the error get(200) raised');
      expectTrue(took >= 150, 'get(200) waited at least 150 ms before raising', `${Math.round(took)} ms`);
      expectTrue(took < 3000, 'get(200) raised within 3000 ms (long before the 4 s task ends)', `${Math.round(took)} ms`);
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
