import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.callbacks.callback-gets-the-result-once',
  statement: 'The apply_async callback is called once, with the result, when the task succeeds; the error_callback is not called.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.apply_async',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('square', [9]);
      expectEqual(await result.get(60_000), 81, 'get(60000) of applyAsync(square, [9])');
      await eventually(() => result.callbacks(), (seen) => seen.values.length > 0, 5000);
      // Give a second (wrong) call the time to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expectEqual(await result.callbacks(), { values: [81], errors: [] }, 'callbacks recorded for applyAsync(square, [9])');
    });
  },
});
