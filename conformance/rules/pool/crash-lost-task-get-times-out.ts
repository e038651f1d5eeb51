import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The bounded get: long enough for a crash to be noticed by a pool that notices crashes. */
const GET_MS = 3000;

export default defineRule({
  id: 'pool.crash.lost-task-get-times-out',
  statement:
    "When the worker running a task dies (killed by SIGKILL, or the task ends its process with exit status 3), the task's result never arrives: get(timeout) raises TimeoutError once the timeout passes, as often as it is asked, and the result stays not ready.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._maintain_pool replaces a dead worker; nothing fails the task it held',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Warm up first, so that killSelf starts at once.
      await pool.starmap('slowSquare', [[0, 200], [0, 200]], 1);
      for (const [what, lost] of [
        ['applyAsync(killSelf, [9])', await pool.applyAsync('killSelf', [9])],
        ['applyAsync(exitWith, [3])', await pool.applyAsync('exitWith', [3])],
      ] as const) {
        for (const attempt of ['first', 'second']) {
          await expectErrorRejection(() => lost.get(GET_MS), { name: 'TimeoutError' }, `${attempt} get(${GET_MS}) of ${what}`, GET_MS + 10_000);
        }
        expectEqual(await lost.ready(), false, `ready() of the lost ${what}`);
      }
    }, { mayHang: true });
  },
});
