import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.reraises-task-error',
  statement: "An exception raised by a task in Pool.map() is re-raised in the parent: risky over [5, 2, 0, 1] raises ValueError('Cannot process zero!').",
  source: 'seed',
  python: 'seed: Error Handling in Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const error = await expectRejects(() => pool.map('risky', [5, 2, 0, 1]), /Cannot process zero!/, 'map(risky, [5, 2, 0, 1])');
      expectError(error, { name: 'ValueError', message: 'Cannot process zero!' }, 'the error map(risky, [5, 2, 0, 1]) raised');
    });
  },
});
