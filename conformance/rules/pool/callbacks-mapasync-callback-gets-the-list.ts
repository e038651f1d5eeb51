import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.callbacks.mapasync-callback-gets-the-list',
  statement: 'The map_async callback is called once, with the whole list of results in input order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map_async',
  needs: ['pool', 'pool.callbacks'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.mapAsync('square', [1, 2, 3, 4, 5, 6], 2);
      expectEqual(await result.get(60_000), [1, 4, 9, 16, 25, 36], 'get(60000) of mapAsync(square, [1…6], chunksize 2)');
      await eventually(() => result.callbacks(), (seen) => seen.values.length > 0, 5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expectEqual(await result.callbacks(), { values: [[1, 4, 9, 16, 25, 36]], errors: [] }, 'callbacks recorded for mapAsync(square, [1…6])');
    });
  },
});
