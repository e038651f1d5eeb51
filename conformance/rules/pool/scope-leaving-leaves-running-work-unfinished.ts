import { RuleFailure, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.scope.leaving-leaves-running-work-unfinished',
  statement:
    'Work still running when a pool\'s scope ends never finishes: its AsyncResult stays not ready and get(1000) raises TimeoutError.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__exit__ calls terminate(), which leaves the cache\'s results unset',
  needs: ['pool', 'pool.scope'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('square', [1]); // the worker is up: the sleep below starts at once
      const scope = await pool.scope!();
      const running = await pool.applyAsync('sleepFor', [20_000]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await scope.leave();
      const ready = await running.ready();
      expectTrue(!ready, 'ready() of the task that was running when the scope ended is still false', ready);
      let error: unknown;
      try {
        await running.get(1000);
      } catch (thrown) {
        error = thrown;
      }
      if (error === undefined) throw new RuleFailure('get(1000) of the task that was running when the scope ended', 'TimeoutError', 'a value');
      const name = error instanceof Error ? error.name : String(error);
      expectTrue(name === 'TimeoutError', 'get(1000) of the task that was running when the scope ended raised TimeoutError', name);
    });
  },
});
