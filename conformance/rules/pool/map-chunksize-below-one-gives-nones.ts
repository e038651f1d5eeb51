import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.chunksize-below-one-gives-nones',
  statement:
    'map, starmap and map_async with a chunksize of 0 or less run nothing and return a list of None, one per item (MapResult with chunksize <= 0 is done at once); only imap checks its chunksize.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: MapResult.__init__ (chunksize <= 0)',
  needs: ['pool'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      expectEqual(await pool.map('square', [1, 2, 3], 0), [null, null, null], 'map(square, [1, 2, 3], chunksize=0)');
      expectEqual(await pool.starmap('power', [[2, 3], [3, 2]], -1), [null, null], 'starmap(power, [(2, 3), (3, 2)], chunksize=-1)');
      const result = await pool.mapAsync('square', [4, 5], 0);
      expectEqual(await result.get(10_000), [null, null], 'map_async(square, [4, 5], chunksize=0).get(10000)');
    });
  },
});
