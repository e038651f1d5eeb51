import { expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Python refuses at once; an implementation still pending after this long does not refuse. */
const REFUSAL_MS = 10_000;

export default defineRule({
  id: 'pool.terminate.then-submit-fails',
  statement: 'After terminate(), submitting work (apply, apply_async, map, map_async) raises ValueError "Pool not running".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._check_running',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.map('square', [1, 2]);
      await pool.terminate();
      const pattern = /Pool not running/;
      const calls: [string, () => Promise<unknown>][] = [
        ['apply(square, [2]) after terminate()', () => pool.apply('square', [2])],
        ['applyAsync(square, [2]) after terminate()', () => pool.applyAsync('square', [2])],
        ['map(square, [1, 2, 3]) after terminate()', () => pool.map('square', [1, 2, 3])],
        ['mapAsync(square, [1, 2, 3]) after terminate()', () => pool.mapAsync('square', [1, 2, 3])],
      ];
      for (const [what, call] of calls) {
        expectError(await expectRejects(call, pattern, what, REFUSAL_MS), { name: VALUE_ERROR_FOR_STATE }, what);
      }
      await pool.join();
    });
  },
});
