import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.starmap.unpacks-argument-tuples',
  statement: 'Pool.starmap calls the task with each argument tuple unpacked: power over [(2, 3), (3, 3), (4, 2), (5, 2), (10, 3)] gives [8, 27, 16, 25, 1000].',
  source: 'seed',
  python: 'seed: Pool: Managing Worker Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const args = [[2, 3], [3, 3], [4, 2], [5, 2], [10, 3]];
      expectEqual(await pool.starmap('power', args), [8, 27, 16, 25, 1000], 'starmap(power, [(2, 3), (3, 3), (4, 2), (5, 2), (10, 3)])');
    });
  },
});
