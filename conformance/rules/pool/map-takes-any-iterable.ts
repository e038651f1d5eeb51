import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.takes-any-iterable',
  statement:
    'map, starmap, map_async, imap and imap_unordered take any iterable, not only a list: over range(2, 10, 3) map(square) gives [4, 25, 64].',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map',
  needs: ['pool', 'pool.imap', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const range = { range: [2, 10, 3] } as const;
      expectEqual(await pool.withInput!('map', 'square', range), [4, 25, 64], 'map(square, range(2, 10, 3))');
      expectEqual(await pool.withInput!('map', 'square', { range: [0, 5] }), [0, 1, 4, 9, 16], 'map(square, range(0, 5))');
      const async = await pool.withInput!('mapAsync', 'square', range, 2);
      expectEqual(await async.get(30_000), [4, 25, 64], 'map_async(square, range(2, 10, 3), 2).get()');
      expectEqual(await pool.withInput!('imap', 'square', range), { values: [4, 25, 64] }, 'imap(square, range(2, 10, 3))');
      const unordered = await pool.withInput!('imapUnordered', 'square', range);
      expectEqual([...unordered.values].sort((a, b) => Number(a) - Number(b)), [4, 25, 64], 'imap_unordered(square, range(2, 10, 3)), sorted');
      const pairs = { generator: [[2, 3], [3, 2]] };
      expectEqual(await pool.withInput!('starmap', 'power', pairs), [8, 9], 'starmap(power, a generator of (2, 3), (3, 2))');
    });
  },
});
