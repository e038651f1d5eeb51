import { RuleFailure, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

/** Six 300 ms tasks on three workers that each start anew after every task: seconds, not more. */
const JOIN_MS = 20_000;

export default defineRule({
  id: 'pool.maxtasks.early-close-still-finishes-the-work',
  statement:
    'close() while workers with maxtasksperchild=1 still have queued tasks lets every task run (replacement workers are still started), and join() returns: six tasks on three workers all give their values.',
  source: 'python-docs',
  python: 'Lib/test/_test_multiprocessing.py: _TestPoolWorkerLifetime.test_pool_worker_lifetime_early_close (bpo-10332)',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 3, maxTasksPerChild: 1 }, async (pool) => {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await pool.applyAsync('slowSquare', [i, 300]));
      await pool.close();
      if (!(await settlesWithin(pool.join(), JOIN_MS))) throw new RuleFailure('join() after close() with six queued tasks', `returned within ${JOIN_MS} ms`, 'still pending');
      const values = [];
      for (const result of results) values.push(await result.get(5000));
      expectEqual(values, [0, 1, 4, 9, 16, 25], 'get(5000) of the six slowSquare(i, 300) once join() returned');
    });
  },
});
