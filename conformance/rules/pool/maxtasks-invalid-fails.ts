import { VALUE_ERROR_FOR_ARGUMENT } from '../../harness/error-classes.js';
import { expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { pythonOlderThan } from '../../harness/python-facts.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.maxtasks.invalid-fails',
  statement:
    'Pool(maxtasksperchild=0) raises ValueError "maxtasksperchild must be a positive int or None" (since Python ' +
    '3.10; before, the Pool is created and each worker raises AssertionError "Maxtasks 0 is not valid" as it ' +
    'starts and is replaced, so no task ever runs).',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session, context) {
    for (const maxTasksPerChild of [0, -3]) {
      if (pythonOlderThan(context.python, '3.10')) {
        // Only worker() checked maxtasks then: the pool starts, and its workers die as they start, for ever.
        await withPool(session, { processes: 1, maxTasksPerChild }, async (pool) => {
          const result = await pool.applyAsync('square', [3]);
          const outcome = await result.get(300).then((value) => `resolved with ${String(value)}`, (error: Error) => error.name);
          expectTrue(outcome === 'TimeoutError', `get(300) of square(3) on Pool(maxtasksperchild=${maxTasksPerChild}) before 3.10: no worker runs it`, outcome);
        });
        continue;
      }
      // Creating the pool must fail; should it not, withPool stops the pool it got.
      const error = await expectRejects(() => withPool(session, { processes: 1, maxTasksPerChild }, async () => undefined), /maxtasksperchild must be a positive int/, `createPool({ maxTasksPerChild: ${maxTasksPerChild} })`);
      expectError(error, { name: VALUE_ERROR_FOR_ARGUMENT }, `createPool({ maxTasksPerChild: ${maxTasksPerChild} })`);
    }
  },
});
