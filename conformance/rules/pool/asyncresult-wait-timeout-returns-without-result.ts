import { expectEqual, expectTrue } from '../../harness/expect.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/**
 * The task waits for a partner file that the rule writes only after its own checks: a call that wrongly waited for
 * the task would wait out the task's own limit and then see it finished, whatever the machine's speed.
 */
const TASK_LIMIT_MS = 30_000;

export default defineRule({
  id: 'pool.asyncresult.wait-timeout-returns-without-result',
  statement: 'AsyncResult.wait(timeout) returns after about timeout without raising, leaving a still-running task not ready.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.wait',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('rendezvous', [context.tmpdir, 'task', 2, TASK_LIMIT_MS]);
      const started = performance.now();
      await result.wait(300);
      const took = performance.now() - started;
      expectTrue(took >= 250, 'wait(300) on a task that waits for the rule waited at least 250 ms', `${Math.round(took)} ms`);
      expectEqual(await result.ready(), false, 'ready() after wait(300) timed out');
      await writeFile(join(context.tmpdir, 'rule'), '');
      await result.wait(60_000);
      expectEqual(await result.ready(), true, 'ready() after wait(60000) on the same task, once its partner came');
      expectEqual(await result.get(1000), 2, 'get(1000) after wait(60000): the task met its partner');
    });
  },
});
