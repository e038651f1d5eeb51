import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.get-returns-the-value-each-time',
  statement: 'Once a result is ready, every get() returns the same value again, with or without a timeout (get(0) too), and ready() and successful() stay True.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: ApplyResult.get returns self._value whenever self._success',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      for (const [what, result, value] of [
        ['applyAsync(square, [12])', await pool.applyAsync('square', [12]), 144],
        ['mapAsync(square, [1, 2, 3], 1)', await pool.mapAsync('square', [1, 2, 3], 1), [1, 4, 9]],
      ] as const) {
        expectEqual(await result.get(60_000), value, `first get(60000) of ${what}`);
        expectEqual(await result.get(), value, `second get() of ${what}`);
        expectEqual(await result.get(0), value, `third get(0) of ${what}`);
        expectEqual([await result.ready(), await result.successful()], [true, true], `[ready(), successful()] of ${what} after the gets`);
      }
    });
  },
});
