import { RuleFailure, expectError, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.terminate.rejects-pending-results',
  statement: 'terminate() fails the results it leaves unfinished, running or queued: their get() raises at once (not a TimeoutError) instead of waiting.',
  source: 'beyond',
  cpython: {
    does: 'CPython\'s terminate() leaves unfinished results pending: their get(timeout) raises TimeoutError once the timeout has passed.',
    failure: /after terminate\(\) \(not a TimeoutError\) \(error class name\): expected .*observed "TimeoutError/,
  },
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('square', [1]); // the worker is up: the sleeps below start at once
      const running = await pool.applyAsync('sleepFor', [20_000]);
      const queued = await pool.applyAsync('sleepFor', [20_000]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await pool.terminate();
      for (const [what, result] of [['running', running], ['queued', queued]] as const) {
        const started = performance.now();
        let error: unknown;
        try {
          await result.get(5000);
        } catch (thrown) {
          error = thrown;
        }
        const took = performance.now() - started;
        if (error === undefined) throw new RuleFailure(`get(5000) of the ${what} sleepFor(20000) after terminate()`, 'an error', 'a value');
        // Any Error but a TimeoutError: the result failed, it was not merely late.
        expectError(error, { name: /^(?!TimeoutError$)/ }, `get(5000) of the ${what} task after terminate() (not a TimeoutError)`);
        expectTrue(took < 4000, `get(5000) of the ${what} task after terminate() raised within 4000 ms`, `${Math.round(took)} ms`);
      }
    }, { mayHang: true, stopWithinMs: 3000 });
  },
});
