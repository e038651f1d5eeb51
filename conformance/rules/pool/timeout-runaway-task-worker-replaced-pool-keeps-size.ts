import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, expectEqual, readTextWritten } from '../../harness/expect.js';
import { waitUntilGone } from '../../harness/pids.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.timeout.runaway-task-worker-replaced-pool-keeps-size',
  statement:
    'A task that runs past its timeoutMs and pays no heed to its signal has its worker stopped once the grace period (graceMs) has passed, and replaced: the pool keeps its size, and a task on another worker finishes untouched.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no task timeout: a runaway task keeps its worker until it ends (the driver does not claim pool.timeout).",
    failure: /does not claim .*pool\.timeout/,
  },
  needs: ['pool', 'pool.cancel', 'pool.timeout'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await pool.map('getPid', [0, 0, 0, 0], 1);
      const runaway = join(context.tmpdir, 'runaway');
      const other = join(context.tmpdir, 'other');
      const untouched = await pool.applyAsync('ignoreAbort', [other, 4000]);
      const otherPid = Number(await readTextWritten(other, 60_000, 'the other task\'s pid file (it started)'));
      const handle = await pool.cancellable!({ method: 'applyAsync', task: 'ignoreAbort', payload: [runaway, 60_000], timeoutMs: 500, graceMs: 300 });
      const victim = Number(await readTextWritten(runaway, 60_000, 'the runaway task\'s pid file (it started)'));
      const outcome = await eventually(() => handle.outcome(), (seen) => seen.settled !== 'pending', 30_000);
      expectEqual(outcome.error?.name, 'TaskTimeoutError', 'the error of the runaway task');
      expectEqual(await waitUntilGone([victim], 15_000), [],
        'the worker running the runaway task, still running 15 s after its timeout (grace: 300 ms)');
      expectEqual(await untouched.get(60_000), otherPid, 'the task running on the other worker');
      // Two tasks that each wait for the other: they meet only if the pool has two workers again.
      const meeting = join(context.tmpdir, 'meeting');
      mkdirSync(meeting);
      const met = await pool.starmap('rendezvous', [[meeting, 'a', 2, 20_000], [meeting, 'b', 2, 20_000]], 1);
      expectEqual(met, [2, 2], 'rendezvous of two tasks after the replacement (the pool at its size)');
      expectEqual(existsSync(`${runaway}.done`), false, 'whether the runaway task ran to its end');
    }, { mayHang: true });
  },
});
