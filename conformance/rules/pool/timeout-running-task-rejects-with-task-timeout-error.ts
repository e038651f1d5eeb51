import { join } from 'node:path';
import { eventually, expectEqual, readTextWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.timeout.running-task-rejects-with-task-timeout-error',
  statement:
    'A task that runs longer than its call\'s timeoutMs fails with TaskTimeoutError, and the task itself is told: its abort signal fires, so a task that watches it returns.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no task timeout: AsyncResult.get(timeout) only stops waiting, the task runs on (the driver does not claim pool.timeout).",
    failure: /does not claim .*pool\.timeout/,
  },
  needs: ['pool', 'pool.cancel', 'pool.timeout'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 1 }, async (pool) => {
      // The worker loads the catalog first: a task's first run in a worker also imports its module.
      await pool.map('getPid', [0, 0], 1);
      const path = join(context.tmpdir, 'task');
      const handle = await pool.cancellable!({ method: 'apply', task: 'waitForAbort', payload: [path, 60_000], timeoutMs: 500 });
      const outcome = await eventually(() => handle.outcome(), (seen) => seen.settled !== 'pending', 30_000);
      expectEqual(outcome.settled, 'rejected', 'how a call whose task runs past timeoutMs (500 ms) settles within 30 s');
      expectEqual(outcome.error?.name, 'TaskTimeoutError', 'the error of a task past its timeoutMs');
      expectEqual(await readTextWritten(`${path}.seen`, 15_000, 'what the timed-out task saw of its signal within 15 s of the timeout'), 'aborted', 'what the timed-out task saw of its signal within 15 s of the timeout');
    });
  },
});
