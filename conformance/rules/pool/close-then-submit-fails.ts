import { expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_STATE } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Python refuses at once; an implementation still pending after this long does not refuse. */
const REFUSAL_MS = 10_000;

export default defineRule({
  id: 'pool.close.then-submit-fails',
  statement: 'After close(), submitting work (apply, apply_async, map, starmap, map_async, starmap_async) raises ValueError "Pool not running".',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.close',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.map('square', [1, 2]);
      await pool.close();
      const pattern = /Pool not running/;
      const calls: [string, () => Promise<unknown>][] = [
        ['apply(square, [2]) after close()', () => pool.apply('square', [2])],
        ['applyAsync(square, [2]) after close()', () => pool.applyAsync('square', [2])],
        ['map(square, [1, 2, 3]) after close()', () => pool.map('square', [1, 2, 3])],
        ['starmap(power, [[2, 2]]) after close()', () => pool.starmap('power', [[2, 2]])],
        ['mapAsync(square, [1, 2, 3]) after close()', () => pool.mapAsync('square', [1, 2, 3])],
        ['starmapAsync(power, [[2, 2]]) after close()', () => pool.starmapAsync('power', [[2, 2]])],
      ];
      for (const [what, call] of calls) {
        expectError(await expectRejects(call, pattern, what, REFUSAL_MS), { name: VALUE_ERROR_FOR_STATE }, what);
      }
      await pool.join();
    });
  },
});
