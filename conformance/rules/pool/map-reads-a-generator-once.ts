import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.reads-a-generator-once',
  statement:
    'map, starmap, map_async and imap read a generator (an iterable that can be read only once) once and run every item it yields: map(square) over a generator of 1..9 gives their nine squares.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._map_async lists an iterable without __len__ once',
  needs: ['pool', 'pool.imap', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const items = [1, 2, 3, 4, 5, 6, 7, 8, 9];
      const squares = items.map((x) => x * x);
      expectEqual(await pool.withInput!('map', 'square', { generator: items }), squares, 'map(square, generator of 1..9)');
      expectEqual(await pool.withInput!('map', 'square', { generator: items }, 4), squares, 'map(square, generator of 1..9, 4)');
      const async = await pool.withInput!('mapAsync', 'square', { generator: items });
      expectEqual(await async.get(30_000), squares, 'map_async(square, generator of 1..9).get()');
      const pairs = items.map((x) => [x, 2]);
      expectEqual(await pool.withInput!('starmap', 'power', { generator: pairs }), squares, 'starmap(power, generator of (x, 2))');
      expectEqual(await pool.withInput!('imap', 'square', { generator: items }, 2), { values: squares }, 'imap(square, generator of 1..9, 2)');
    });
  },
});
