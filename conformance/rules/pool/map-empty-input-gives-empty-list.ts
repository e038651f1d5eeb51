import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.empty-input-gives-empty-list',
  statement: 'map, starmap and map_async over an empty input return an empty list.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._map_async',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      expectEqual(await pool.map('square', []), [], 'map(square, [])');
      expectEqual(await pool.map('square', [], 3), [], 'map(square, [], chunksize=3)');
      expectEqual(await pool.starmap('power', []), [], 'starmap(power, [])');
      const result = await pool.mapAsync('square', []);
      expectEqual(await result.get(60_000), [], 'map_async(square, []).get(60000)');
      // The pool is still fine afterwards.
      expectEqual(await pool.map('square', [3]), [9], 'map(square, [3]) after the empty calls');
    });
  },
});
