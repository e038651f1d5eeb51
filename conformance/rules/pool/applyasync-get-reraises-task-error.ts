import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.get-reraises-task-error',
  statement: "An exception raised by an apply_async() task is re-raised by get(): risky(0) raises ValueError('Cannot process zero!').",
  source: 'seed',
  python: 'seed: Error Handling in Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('risky', [0]);
      const error = await expectRejects(() => result.get(60_000), /Cannot process zero!/, 'get(60000) of applyAsync(risky, [0])');
      expectError(error, { name: 'ValueError', message: 'Cannot process zero!' }, 'the error get() raised');
    });
  },
});
