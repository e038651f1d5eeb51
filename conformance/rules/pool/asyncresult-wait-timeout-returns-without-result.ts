import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.asyncresult.wait-timeout-returns-without-result',
  statement: 'AsyncResult.wait(timeout) returns after about timeout without raising, leaving a still-running task not ready.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.wait',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const result = await pool.applyAsync('slowSquare', [5, 4000]);
      const started = performance.now();
      await result.wait(300);
      const took = performance.now() - started;
      expectTrue(took >= 250, 'wait(300) on a 4 s task waited at least 250 ms', `${Math.round(took)} ms`);
      expectTrue(took < 3000, 'wait(300) on a 4 s task returned within 3000 ms', `${Math.round(took)} ms`);
      expectEqual(await result.ready(), false, 'ready() after wait(300) timed out');
      await result.wait(60_000);
      expectEqual(await result.ready(), true, 'ready() after wait(60000) on the same task');
      expectEqual(await result.get(1000), 25, 'get(1000) after wait(60000)');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
