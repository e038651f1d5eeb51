import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.join.before-close-raises-valueerror',
  statement: 'join() on a pool neither closed nor terminated raises ValueError "Pool is still running" at once, and the pool goes on working.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.join',
  needs: ['pool'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await expectErrorRejection(() => pool.join(), { name: 'ValueError', message: /Pool is still running/ }, 'join() of a running pool', 5000);
      await expectErrorRejection(() => pool.apply('risky', [0]), { name: 'ValueError', message: /Cannot process zero!/ }, 'apply(risky, [0]) afterwards (the pool still runs tasks)');
    });
  },
});
