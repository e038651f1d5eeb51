import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.squares-example',
  statement: 'Pool(processes=2).map(square, [1, …, 8]) returns the squares [1, 4, …, 64].',
  source: 'seed',
  python: 'seed: Pool: Managing Worker Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const results = await pool.map('square', [1, 2, 3, 4, 5, 6, 7, 8]);
      expectEqual(results, [1, 4, 9, 16, 25, 36, 49, 64], 'map(square, [1, 2, 3, 4, 5, 6, 7, 8])');
    });
  },
});
