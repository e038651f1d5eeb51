import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.chunksize-not-dividing-input-keeps-every-item',
  statement: 'A chunksize that does not divide the input leaves a shorter last chunk: map still returns every item, in order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.map',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const range = Array.from({ length: 10 }, (_, i) => i);
      expectEqual(await pool.map('square', range, 3), range.map((i) => i * i), 'map(square, range(10), chunksize=3)');
      expectEqual(await pool.map('square', range, 4), range.map((i) => i * i), 'map(square, range(10), chunksize=4)');
      expectEqual(await pool.map('square', range, 25), range.map((i) => i * i), 'map(square, range(10), chunksize=25)');
      const items = range.map((i) => [i, (10 - i) * 20]);
      expectEqual(await pool.starmap('slowSquare', items, 3), range.map((i) => i * i), 'starmap(slowSquare, 10 items, chunksize=3)');
    });
  },
});
