import { expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.unsendable-argument-raises-and-the-pool-goes-on',
  statement:
    'An argument that cannot be sent to a worker makes map and apply raise (not hang), map_async\'s get() raise, and the pool stays usable.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._handle_tasks sets the job\'s error when a task cannot be put (test_map_unplicklable)',
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const raised = async (what: string, call: () => Promise<unknown>) => {
        const error = await expectRejects(call, /./, what, 10_000);
        expectTrue(error instanceof Error && error.name !== 'TimeoutError', `${what} raised an Error that is not a TimeoutError`, error.name);
      };
      await raised('map(square, [1, <unsendable>, 3])', () => pool.map('square', [1, UNSENDABLE, 3]));
      await raised('map(square, [<unsendable>] * 10)', () => pool.map('square', Array.from({ length: 10 }, () => UNSENDABLE)));
      await raised('apply(square, (<unsendable>,))', () => pool.apply('square', [UNSENDABLE]));
      const result = await pool.mapAsync('square', [1, UNSENDABLE]);
      await raised('map_async(square, [1, <unsendable>]).get(10000)', () => result.get(10_000));
      expectEqual(await pool.map('square', [1, 2, 3]), [1, 4, 9], 'map(square, [1, 2, 3]) afterwards');
    });
  },
});
