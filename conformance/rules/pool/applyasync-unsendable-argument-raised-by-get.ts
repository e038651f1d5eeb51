import { expectRejects, expectTrue } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.applyasync.unsendable-argument-raised-by-get',
  statement:
    'apply_async with an argument that cannot be sent to a worker still returns an AsyncResult; its get() raises the error that says why, and the pool stays usable.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._handle_tasks sets the job\'s error when a task cannot be put',
  needs: ['pool', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const result = await pool.applyAsync('square', [UNSENDABLE]);
      // 30 s: starting the pool's worker took 8.5–9 s at load 55 (a bound of 10 s then).
      const what = 'apply_async(square, (<unsendable>,)).get(30000)';
      const error = await expectRejects(() => result.get(30_000), /./, what, 35_000);
      expectTrue(error instanceof Error && error.name !== 'TimeoutError', `${what} raised an Error that is not a TimeoutError`, error.name);
      const next = await pool.applyAsync('square', [4]);
      expectTrue((await next.get(30_000)) === 16, 'apply_async(square, (4,)).get() afterwards gives 16');
    });
  },
});
