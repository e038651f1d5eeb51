import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectEqual, readTextWritten } from '../../harness/expect.js';
import { waitUntilGone } from '../../harness/pids.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.cancel.ignored-abort-replaces-the-worker',
  statement:
    'A task that pays no heed to its call\'s abort has its worker stopped once the grace period (cancelGraceMs) has passed, and replaced: the pool keeps its size, and a task running on another worker finishes untouched.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool methods take no signal: a runaway task keeps its worker until it ends (the driver does not claim pool.cancel).",
    failure: /does not claim pool\.cancel/,
  },
  needs: ['pool', 'pool.cancel'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 2, cancelGraceMs: 300 }, async (pool) => {
      const stubborn = join(context.tmpdir, 'stubborn');
      const handle = await pool.cancellable!({ method: 'applyAsync', task: 'ignoreAbort', payload: [stubborn, 60_000] });
      const other = join(context.tmpdir, 'other');
      const untouched = await pool.applyAsync('ignoreAbort', [other, 3000]);
      const [victim, otherPid] = await Promise.all(
        [stubborn, other].map(async (path) => Number(await readTextWritten(path, 60_000, `the pid file of the task writing ${path} (it started)`))));
      await handle.abort('stop');
      expectEqual(await waitUntilGone([victim!], 15_000), [],
        'the worker running the aborted task, still running 15 s after the abort (grace: 300 ms)');
      expectEqual(await untouched.get(60_000), otherPid, 'the task running on the other worker');
      // Two tasks that each wait for the other: they meet only if the pool has two workers again.
      const meeting = join(context.tmpdir, 'meeting');
      mkdirSync(meeting);
      const met = await pool.starmap('rendezvous', [[meeting, 'a', 2, 20_000], [meeting, 'b', 2, 20_000]], 1);
      expectEqual(met, [2, 2], 'rendezvous of two tasks after the replacement (the pool at its size)');
      expectEqual(existsSync(`${stubborn}.done`), false, 'whether the aborted task ran to its end');
    }, { mayHang: true });
  },
});
