import { VALUE_ERROR_FOR_ARGUMENT } from '../../harness/error-classes.js';
import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.processes.zero-fails',
  statement: 'Pool(processes=0) raises ValueError "Number of processes must be at least 1".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pattern = /Number of processes must be at least 1/;
    for (const processes of [0, -1]) {
      // Creating the pool must fail; should it not, withPool stops the pool it got.
      const error = await expectRejects(() => withPool(session, { processes }, async () => undefined), pattern, `createPool({ processes: ${processes} })`);
      expectError(error, { name: VALUE_ERROR_FOR_ARGUMENT }, `createPool({ processes: ${processes} })`);
    }
  },
});
