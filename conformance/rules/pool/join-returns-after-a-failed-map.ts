import { RuleFailure } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

/** close() then join() once the work is done: the workers only have to exit. */
const JOIN_MS = 10_000;

export default defineRule({
  id: 'pool.join.returns-after-a-failed-map',
  statement: 'After map() raised a task\'s ValueError, close() then join() return: the failed map leaves nothing that keeps the workers from exiting.',
  source: 'python-docs',
  python: 'Lib/test/_test_multiprocessing.py: _TestPool.test_map_no_failfast (bpo-23992: join() deadlocked after a failed map)',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await expectErrorRejection(() => pool.map('risky', [0, 1, 2, 0, 4, 5], 1), { name: 'ValueError', message: /Cannot process zero!/ }, 'map(risky, [0, 1, 2, 0, 4, 5], 1)');
      await pool.close();
      if (!(await settlesWithin(pool.join(), JOIN_MS))) throw new RuleFailure('close() then join() after the failed map', `join() returned within ${JOIN_MS} ms`, 'still pending');
    });
  },
});
