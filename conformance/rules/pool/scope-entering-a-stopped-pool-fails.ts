import { expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.scope.entering-a-stopped-pool-fails',
  statement: 'Entering the scope of a pool that is no longer running (its scope already left, or terminated) raises ValueError "Pool not running".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__enter__ checks that the pool runs (bpo-35477, test_enter)',
  needs: ['pool', 'pool.scope'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const scope = await pool.scope!();
      await scope.leave();
      const error = await expectRejects(() => pool.scope!(), /Pool not running/, 'entering the scope again after leaving it', 10_000);
      expectTrue(error instanceof Error && error.name === 'ValueError', 'entering the scope again raised ValueError', error.name);
      await pool.join();
    });
  },
});
