import { join } from 'node:path';
import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.initializer.receives-initargs',
  statement: 'The initializer is called with initargs, and the per-worker state it sets is what every task in that worker sees.',
  source: 'seed',
  python: 'seed: Pool with Initializer',
  needs: ['pool', 'pool.initializer'],
  timeoutMs: 120_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'init.txt');
    await withPool(session, { processes: 2, initializer: 'recordInit', initargs: [path, 'base-1000'] }, async (pool) => {
      const values = await pool.map('initValue', [0, 1, 2, 3, 4, 5, 6, 7], 1);
      expectEqual(values, Array(8).fill('base-1000'), 'map(initValue, range(8)) in a Pool initialized with recordInit(path, "base-1000")');
    });
  },
});
