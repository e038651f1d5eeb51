import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.scope.entering-gives-the-pool',
  statement: 'Entering a pool\'s scope (with Pool() as p) gives the pool object itself, which runs work inside the scope.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.scope'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const scope = await pool.scope!();
      expectTrue(scope.enteredIsPool, 'what entering the scope gives (__enter__()) is the pool', scope.enteredIsPool);
      expectEqual(await pool.map('square', [2, 3]), [4, 9], 'map(square, [2, 3]) inside the scope');
      await scope.leave();
    });
  },
});
