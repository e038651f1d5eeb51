import { join } from 'node:path';
import { eventually, expectEqual, readTextWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.timeout.pool-default-applies',
  statement:
    'The pool\'s taskTimeoutMs applies to every call that gives no timeoutMs of its own: a task past it fails with TaskTimeoutError and sees its signal fire.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool takes no task timeout (the driver does not claim pool.timeout).",
    failure: /does not claim .*pool\.timeout/,
  },
  needs: ['pool', 'pool.cancel', 'pool.timeout'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 1, taskTimeoutMs: 500 }, async (pool) => {
      // Warmed up under a call's own, longer timeout: the first run in a worker also imports the task's module.
      const warm = await pool.cancellable!({ method: 'map', task: 'getPid', payload: [0, 0], chunksize: 1, timeoutMs: 60_000 });
      await eventually(() => warm.outcome(), (seen) => seen.settled !== 'pending', 60_000);
      const path = join(context.tmpdir, 'task');
      const result = await pool.applyAsync('waitForAbort', [path, 20_000]);
      let error = 'none';
      try {
        await result.get(30_000);
      } catch (thrown) {
        error = (thrown as Error).name;
      }
      expectEqual(error, 'TaskTimeoutError', 'the error of a call without timeoutMs whose task runs past the pool\'s taskTimeoutMs (500 ms)');
      expectEqual(await readTextWritten(`${path}.seen`, 15_000, 'what the timed-out task saw of its signal'), 'aborted', 'what the timed-out task saw of its signal');
    });
  },
});
