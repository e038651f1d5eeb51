import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.ready-becomes-true',
  statement: 'AsyncResult.ready() becomes True once the task has finished, without calling get().',
  source: 'seed',
  python: 'seed: Pool.apply_async(): Non-Blocking Execution',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('slowSquare', [4, 300]);
      const ready = await eventually(() => result.ready(), (value) => value, 20_000);
      expectEqual(ready, true, 'ready() within 20 s of applyAsync(slowSquare, [4, 300])');
      expectEqual(await result.get(0), 16, 'get(0) once ready() is true: the result is already there');
    });
  },
});
