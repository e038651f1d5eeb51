import { join } from 'node:path';
import { expectEqual, readTextWritten } from '../../harness/expect.js';
import { isRunning } from '../../harness/pids.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.cancel.running-task-sees-the-abort',
  statement:
    'A task running when its call is aborted is told so inside its worker (multiproc: currentTask().signal fires), so it can stop cleanly; one that returns within the grace period keeps its worker.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool methods take no signal, and a running task cannot be told to stop (the driver does not claim pool.cancel).",
    failure: /does not claim pool\.cancel/,
  },
  needs: ['pool', 'pool.cancel'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const method of ['applyAsync', 'starmap'] as const) {
        const path = join(context.tmpdir, method);
        const args = [path, 60_000];
        const handle = await pool.cancellable!({ method, task: 'waitForAbort', payload: method === 'starmap' ? [args] : args, chunksize: 1, graceMs: 30_000 });
        const pid = Number(await readTextWritten(path, 60_000, `the pid file of ${method}(waitForAbort, …)'s task (it started)`));
        await handle.abort('stop');
        const what = `what waitForAbort saw in the worker once ${method}'s signal was aborted`;
        expectEqual(await readTextWritten(`${path}.seen`, 10_000, what), 'aborted', what);
        // Kept: the process that ran the task still runs once a task after it was answered. Not "the next task runs
        // on that pid": a pool with more processes than it was asked for (the cluster's, whose worker commands have
        // their own) may give the next task to another.
        const next = await pool.apply('getPid', []);
        expectEqual(typeof next, 'number', `what getPid returned after the task of ${method} returned on its abort`);
        expectEqual(isRunning(pid), true, `whether the worker that ran ${method}'s task (pid ${pid}) still runs after it returned on its abort, within the grace period`);
      }
    });
  },
});
