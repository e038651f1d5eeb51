import { expectEqual, expectError, expectRejects, expectTrue } from '../../harness/expect.js';
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
  id: 'pool.asyncresult.get-timeout-raises',
  statement: 'AsyncResult.get(timeout) raises multiprocessing.TimeoutError when the result does not arrive within timeout.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('rendezvous', [context.tmpdir, 'task', 2, TASK_LIMIT_MS]);
      const started = performance.now();
      // Python's TimeoutError has no message: any message will do, the class name is what counts.
      const error = await expectRejects(() => result.get(200), /[^]*/, 'get(200) of a task that waits for the rule');
      const took = performance.now() - started;
      expectError(error, { name: 'TimeoutError' }, 'the error get(200) raised');
      expectTrue(took >= 150, 'get(200) waited at least 150 ms before raising', `${Math.round(took)} ms`);
      expectEqual(await result.ready(), false, 'ready() after get(200) raised: the task still runs');
      await writeFile(join(context.tmpdir, 'rule'), '');
      expectEqual(await result.get(60_000), 2, 'get(60000) once the task met its partner');
    });
  },
});
