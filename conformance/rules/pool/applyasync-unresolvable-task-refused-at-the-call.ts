import { expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.unresolvable-task-refused-at-the-call',
  statement:
    'applyAsync and mapAsync refuse a function no worker can find (one never registered with tasks()) at the call, with TaskReferenceError naming the fix, before anything is submitted, rather than in get().',
  source: 'beyond',
  cpython: {
    does: 'CPython returns an AsyncResult whose get() raises the pickling error.',
    failure: /apply_async\(unregistered, \(1,\)\): expected "an error matching \/\.\/", observed "no error/,
  },
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const [what, submit] of [
        ['apply_async(unregistered, (1,))', () => pool.applyAsync('unregistered', [1])],
        ['map_async(unregistered, [1, 2])', () => pool.mapAsync('unregistered', [1, 2])],
      ] as const) {
        const error = await expectRejects(submit, /./, what, 10_000);
        expectTrue(error instanceof Error && error.name === 'TaskReferenceError', `${what} raised TaskReferenceError`, error.name);
      }
    });
  },
});
