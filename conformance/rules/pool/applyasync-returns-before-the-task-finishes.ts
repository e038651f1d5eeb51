import { expectEqual } from '../../harness/expect.js';
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
  id: 'pool.applyasync.returns-before-the-task-finishes',
  statement: 'apply_async() returns an AsyncResult at once, without waiting for the task: ready() is False while it runs.',
  source: 'seed',
  python: 'seed: Pool.apply_async(): Non-Blocking Execution',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const result = await pool.applyAsync('rendezvous', [context.tmpdir, 'task', 2, TASK_LIMIT_MS]);
      expectEqual(await result.ready(), false, 'ready() right after applyAsync of a task that waits for the rule');
      await writeFile(join(context.tmpdir, 'rule'), '');
      expectEqual(await result.get(60_000), 2, 'get(60000) once the task met its partner');
    });
  },
});
