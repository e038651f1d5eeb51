import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, expectEqual, readTextWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.timeout.queue-timeout-never-runs-the-task',
  statement:
    'A task that has not started within its call\'s queueTimeoutMs fails with TaskTimeoutError and never runs, even once a worker is free.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no queue timeout: a queued task runs whenever a worker is free (the driver does not claim pool.timeout).",
    failure: /does not claim .*pool\.timeout/,
  },
  needs: ['pool', 'pool.cancel', 'pool.timeout'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('getPid', [0, 0], 1);
      const busy = join(context.tmpdir, 'busy');
      const working = await pool.applyAsync('ignoreAbort', [busy, 3000]);
      await readTextWritten(busy, 60_000, 'the busy task\'s pid file (it started)');
      const items = [1, 2, 3].map((x) => [context.tmpdir, x, 10]);
      const handle = await pool.cancellable!({ method: 'map', task: 'recordItem', payload: items, chunksize: 1, queueTimeoutMs: 500 });
      const outcome = await eventually(() => handle.outcome(), (seen) => seen.settled !== 'pending', 30_000);
      expectEqual(outcome.error?.name, 'TaskTimeoutError', 'the error of a map whose tasks wait past queueTimeoutMs (500 ms) behind a 3 s task');
      await working.get(60_000);
      // Everything submitted before has been answered once a task submitted after it returns.
      await pool.apply('getPid', []);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expectEqual([1, 2, 3].filter((x) => existsSync(join(context.tmpdir, String(x)))), [], 'the items of the timed-out map that ran');
    });
  },
});
