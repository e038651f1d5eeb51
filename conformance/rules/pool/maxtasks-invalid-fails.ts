import { VALUE_ERROR_FOR_ARGUMENT } from '../../harness/error-classes.js';
import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.maxtasks.invalid-fails',
  statement: 'Pool(maxtasksperchild=0) raises ValueError "maxtasksperchild must be a positive int or None".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session) {
    for (const maxTasksPerChild of [0, -3]) {
      // Creating the pool must fail; should it not, withPool stops the pool it got.
      const error = await expectRejects(() => withPool(session, { processes: 1, maxTasksPerChild }, async () => undefined), /maxtasksperchild must be a positive int/, `createPool({ maxTasksPerChild: ${maxTasksPerChild} })`);
      expectError(error, { name: VALUE_ERROR_FOR_ARGUMENT }, `createPool({ maxTasksPerChild: ${maxTasksPerChild} })`);
    }
  },
});
