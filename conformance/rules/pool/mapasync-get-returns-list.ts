import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.mapasync.get-returns-list',
  statement: "map_async() returns an AsyncResult whose get() is the list map() would return, in input order.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map_async',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.mapAsync('slowSquare', [1, 2, 3, 4, 5]);
      expectEqual(await result.get(60_000), [1, 4, 9, 16, 25], 'map_async(slowSquare, [1, 2, 3, 4, 5]).get(60000)');
      expectEqual(await result.ready(), true, 'ready() after get() returned');
      expectEqual(await result.successful(), true, 'successful() after get() returned');
      const chunked = await pool.mapAsync('square', [1, 2, 3, 4, 5, 6, 7], 2);
      expectEqual(await chunked.get(60_000), [1, 4, 9, 16, 25, 36, 49], 'map_async(square, range 1…7, chunksize=2).get(60000)');
    });
  },
});
