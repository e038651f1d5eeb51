import { join } from 'node:path';
import { eventually, expectEqual, readTextWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.timeout.counted-from-start-not-submission',
  statement:
    'A task\'s timeoutMs counts from when it starts running, not from its call: a quick task that waited in line longer than its timeoutMs behind a busy worker succeeds.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no task timeout (the driver does not claim pool.timeout).",
    failure: /does not claim .*pool\.timeout/,
  },
  needs: ['pool', 'pool.cancel', 'pool.timeout'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('getPid', [0, 0], 1);
      const busy = join(context.tmpdir, 'busy');
      const working = await pool.applyAsync('ignoreAbort', [busy, 4000]);
      await readTextWritten(busy, 60_000, 'the busy task\'s pid file (it started)');
      // Submitted while the only worker has more than 3 s of work left: it starts then, and runs 100 ms.
      const handle = await pool.cancellable!({ method: 'apply', task: 'ignoreAbort', payload: [join(context.tmpdir, 'quick'), 100], timeoutMs: 1500 });
      await working.get(60_000);
      const outcome = await eventually(() => handle.outcome(), (seen) => seen.settled !== 'pending', 30_000);
      expectEqual(outcome.settled, 'resolved', 'how a 100 ms task with timeoutMs 1500 settles after waiting over 3 s for the worker');
    });
  },
});
