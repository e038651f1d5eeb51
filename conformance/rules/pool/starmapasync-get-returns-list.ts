import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.starmapasync.get-returns-list',
  statement: 'starmap_async() returns an AsyncResult whose get() is the list starmap() would return, arguments unpacked.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.starmap_async',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.starmapAsync('power', [[2, 10], [3, 4], [10, 0], [5, 3]]);
      expectEqual(await result.get(60_000), [1024, 81, 1, 125], 'starmap_async(power, [(2, 10), (3, 4), (10, 0), (5, 3)]).get(60000)');
      expectEqual(await result.successful(), true, 'successful() after get() returned');
    });
  },
});
