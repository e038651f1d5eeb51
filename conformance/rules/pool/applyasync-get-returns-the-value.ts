import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.get-returns-the-value',
  statement: "AsyncResult.get(timeout) returns each apply_async task's return value: slow_square over 1…5 gives 1, 4, 9, 16, 25.",
  source: 'seed',
  python: 'seed: Pool.apply_async(): Non-Blocking Execution',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const handles = [];
      for (const i of [1, 2, 3, 4, 5]) handles.push(await pool.applyAsync('slowSquare', [i]));
      const values = [];
      for (const handle of handles) values.push(await handle.get(60_000));
      expectEqual(values, [1, 4, 9, 16, 25], 'get(60000) of applyAsync(slowSquare, [i]) for i = 1…5');
    });
  },
});
