import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.asyncresult.successful-true-after-success',
  statement: 'Once a task returned, its AsyncResult is ready() and successful() returns True.',
  source: 'seed',
  python: 'seed: Pool.apply_async(): Non-Blocking Execution',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('square', [6]);
      expectEqual(await result.get(60_000), 36, 'get(60000) of applyAsync(square, [6])');
      expectEqual(await result.ready(), true, 'ready() after get() returned');
      expectEqual(await result.successful(), true, 'successful() after get() returned');
    });
  },
});
