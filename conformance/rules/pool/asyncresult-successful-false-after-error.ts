import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.successful-false-after-error',
  statement: 'Once a task raised, its AsyncResult is ready() and successful() returns False.',
  source: 'seed',
  python: 'seed: Error Handling in Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('risky', [0]);
      await expectRejects(() => result.get(60_000), /Cannot process zero!/, 'get(60000) of applyAsync(risky, [0])');
      expectEqual(await result.ready(), true, 'ready() after get() raised the task error');
      expectEqual(await result.successful(), false, 'successful() after get() raised the task error');
    });
  },
});
