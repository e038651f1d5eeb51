import { eventually, expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.callbacks.error-callback-gets-the-error-once',
  statement: 'The apply_async error_callback is called once, with the exception, when the task fails; the callback is not called.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.apply_async',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('risky', [0]);
      await expectRejects(() => result.get(60_000), /Cannot process zero!/, 'get(60000) of applyAsync(risky, [0])');
      await eventually(() => result.callbacks(), (seen) => seen.errors.length > 0, 5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = await result.callbacks();
      expectEqual(seen.values, [], 'values the callback received for a failing task');
      expectEqual(
        seen.errors.map(({ name, message }) => ({ name, message })),
        [{ name: 'ValueError', message: 'Cannot process zero!' }],
        'errors the error_callback received for applyAsync(risky, [0])',
      );
    });
  },
});
