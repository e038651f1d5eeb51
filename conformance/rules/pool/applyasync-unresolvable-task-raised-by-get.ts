import { expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.unresolvable-task-raised-by-get',
  statement:
    'apply_async and map_async with a function no worker can be sent (a lambda in Python) still return an AsyncResult; its get() raises the error that says why.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._handle_tasks sets the job\'s error when a task cannot be put',
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const [what, submit] of [
        ['apply_async(unregistered, (1,))', () => pool.applyAsync('unregistered', [1])],
        ['map_async(unregistered, [1, 2])', () => pool.mapAsync('unregistered', [1, 2])],
      ] as const) {
        const result = await submit();
        const error = await expectRejects(() => result.get(10_000), /./, `${what}.get(10000)`, 15_000);
        expectTrue(error instanceof Error && error.name !== 'TimeoutError', `${what}.get(10000) raised an Error that is not a TimeoutError`, error.name);
      }
    });
  },
});
