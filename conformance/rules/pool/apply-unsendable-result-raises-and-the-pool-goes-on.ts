import { expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.apply.unsendable-result-raises-and-the-pool-goes-on',
  statement:
    'A task whose result cannot be sent back makes apply, apply_async\'s get() and map raise an error that says the result could not be sent (MaybeEncodingError "Error sending result" in Python), and the pool stays usable.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: worker() wraps a failed put in MaybeEncodingError (test_unpickleable_result)',
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const pattern = /result/i;
      // 30 s: the first call starts the pool's workers, which took 8.5–9 s at load 55 (a bound of 10 s then).
      const check = async (what: string, call: () => Promise<unknown>) => {
        const error = await expectRejects(call, pattern, what, 30_000);
        expectTrue(error instanceof Error && error.name !== 'TimeoutError', `${what} raised an Error that is not a TimeoutError`, error.name);
      };
      await check('apply(returnUnsendable)', () => pool.apply('returnUnsendable', [null]));
      const result = await pool.applyAsync('returnUnsendable', [null]);
      await check('apply_async(returnUnsendable).get(30000)', () => result.get(30_000));
      await check('map(returnUnsendable, [1, 2])', () => pool.map('returnUnsendable', [1, 2]));
      expectEqual(await pool.map('square', [1, 2, 3]), [1, 4, 9], 'map(square, [1, 2, 3]) afterwards');
    });
  },
});
