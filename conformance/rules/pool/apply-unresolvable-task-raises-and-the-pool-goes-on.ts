import { expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.apply.unresolvable-task-raises-and-the-pool-goes-on',
  statement:
    'A function no worker can be sent (a lambda in Python) makes apply and map raise (not hang), and the pool stays usable.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#the-spawn-and-forkserver-start-methods (picklability); Lib/multiprocessing/pool.py: Pool._handle_tasks',
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      for (const [what, call] of [
        ['apply(unregistered, (1,))', () => pool.apply('unregistered', [1])],
        ['map(unregistered, [1, 2])', () => pool.map('unregistered', [1, 2])],
      ] as const) {
        const error = await expectRejects(call, /./, what, 10_000);
        expectTrue(error instanceof Error && error.name !== 'TimeoutError', `${what} raised an Error that is not a TimeoutError`, error.name);
      }
      expectEqual(await pool.apply('square', [5]), 25, 'apply(square, (5,)) afterwards');
    });
  },
});
