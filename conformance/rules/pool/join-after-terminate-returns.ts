import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.join.after-terminate-returns',
  statement: 'terminate() stops the workers without finishing outstanding work, so join() afterwards returns promptly.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.terminate',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.applyAsync('sleepFor', [25_000]);
      await pool.applyAsync('sleepFor', [25_000]);
      await pool.applyAsync('sleepFor', [25_000]);
      // Let the workers pick up the sleeps.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = performance.now();
      await pool.terminate();
      await pool.join();
      const took = performance.now() - started;
      expectTrue(took < 10_000, 'terminate() then join() with 25 s tasks running returned within 10 s', `${Math.round(took)} ms`);
    });
  },
});
