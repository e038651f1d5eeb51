import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.preserves-order',
  statement: 'Pool.map and starmap return results in input order, even when later items finish before earlier ones.',
  source: 'seed',
  python: 'seed: Pool: Managing Worker Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Item 1 sleeps 400 ms while items 2, 3 and 4 finish sooner: completion order is 2, 3, 4, 1 (or so).
      const results = await pool.starmap('slowSquare', [[1, 400], [2, 10], [3, 200], [4, 0]], 1);
      expectEqual(results, [1, 4, 9, 16], 'starmap(slowSquare, [[1, 400], [2, 10], [3, 200], [4, 0]], chunksize 1)');
    });
  },
});
