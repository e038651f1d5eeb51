import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.default-chunksize-still-ordered',
  statement: 'With the default chunksize, map and starmap cut the input into chunks and still return every result in input order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const range = Array.from({ length: 100 }, (_, i) => i);
      expectEqual(await pool.map('square', range), range.map((i) => i * i), 'map(square, range(100))');
      // 40 items on 2 workers: chunks of 5; early chunks sleep longer, so later chunks tend to finish first.
      const items = Array.from({ length: 40 }, (_, i) => [i, (39 - i) % 8 * 10]);
      const expected = items.map(([i]) => i! * i!);
      expectEqual(await pool.starmap('slowSquare', items), expected, 'starmap(slowSquare, 40 items with uneven delays)');
    });
  },
});
