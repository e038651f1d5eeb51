import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.applyasync.get-reraises-task-error',
  statement: "An exception raised by an apply_async() task is re-raised by get(): risky(0) raises ValueError('Cannot process zero!').",
  source: 'seed',
  python: 'seed: Error Handling in Processes',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const result = await pool.applyAsync('risky', [0]);
      const error = await expectRejects(() => result.get(60_000), /Cannot process zero!/, 'get(60000) of applyAsync(risky, [0])');
      expectEqual(error.name, 'ValueError', 'class name of the error get() raised');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
