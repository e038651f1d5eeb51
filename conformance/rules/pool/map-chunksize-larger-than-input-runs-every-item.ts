import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.chunksize-larger-than-input-runs-every-item',
  statement:
    'A chunksize larger than the input makes one chunk of all of it: map, starmap, map_async and imap still return every result, in input order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      expectEqual(await pool.map('square', [1, 2, 3], 100), [1, 4, 9], 'map(square, [1, 2, 3], chunksize=100)');
      expectEqual(await pool.starmap('power', [[2, 3], [3, 2]], 10), [8, 9], 'starmap(power, [(2, 3), (3, 2)], chunksize=10)');
      const result = await pool.mapAsync('square', [4, 5], 3);
      expectEqual(await result.get(30_000), [16, 25], 'map_async(square, [4, 5], chunksize=3).get()');
      expectEqual(await pool.imap('square', [6, 7, 8], 50), { values: [36, 49, 64] }, 'imap(square, [6, 7, 8], chunksize=50)');
    });
  },
});
