import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.applyasync.returns-before-the-task-finishes',
  statement: 'apply_async() returns an AsyncResult at once, without waiting for the task: ready() is False while it runs.',
  source: 'seed',
  python: 'seed: Pool.apply_async(): Non-Blocking Execution',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const started = performance.now();
      const result = await pool.applyAsync('slowSquare', [3, 4000]);
      const took = performance.now() - started;
      expectTrue(took < 2500, 'applyAsync(slowSquare, [3, 4000]) returned within 2500 ms', `${Math.round(took)} ms`);
      expectEqual(await result.ready(), false, 'ready() right after applyAsync of a 4 s task');
      expectEqual(await result.get(60_000), 9, 'get(60000) of slowSquare(3, 4000)');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
