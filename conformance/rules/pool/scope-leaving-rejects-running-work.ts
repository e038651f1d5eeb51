import { RuleFailure, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.scope.leaving-rejects-running-work',
  statement:
    'Leaving an `await using` scope fails the results it leaves unfinished: their get() raises at once (an error that is not a TimeoutError; PoolTerminatedError in multiproc) instead of waiting for a result that will never come.',
  source: 'beyond',
  cpython: {
    does: 'CPython leaves them pending for ever: ready() stays false and get(timeout) raises TimeoutError.',
    failure: /ready\(\) of the task that was running when the scope ended: expected "true", observed false/,
  },
  needs: ['pool', 'pool.scope'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('square', [1]); // the worker is up: the sleep below starts at once
      const scope = await pool.scope!();
      const running = await pool.applyAsync('sleepFor', [20_000]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await scope.leave();
      expectTrue(await running.ready(), 'ready() of the task that was running when the scope ended');
      const started = performance.now();
      let error: unknown;
      try {
        await running.get(5000);
      } catch (thrown) {
        error = thrown;
      }
      if (error === undefined) throw new RuleFailure('get(5000) of the task that was running when the scope ended', 'an error', 'a value');
      const took = performance.now() - started;
      const name = error instanceof Error ? error.name : String(error);
      expectTrue(error instanceof Error && name !== 'TimeoutError', 'get(5000) raised an Error other than TimeoutError', name);
      expectTrue(took < 1000, 'get(5000) raised at once (within 1000 ms)', `${Math.round(took)} ms`);
    });
  },
});
