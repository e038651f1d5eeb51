import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, RuleFailure, expectEqual } from '../../harness/expect.js';
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
        if (!(await eventually(async () => existsSync(path), (yes) => yes, 60_000))) {
          throw new RuleFailure(`${method}(waitForAbort, …)`, 'its task started within 60 s', 'not started');
        }
        const pid = Number(readFileSync(path, 'utf8'));
        await handle.abort('stop');
        const seen = `${path}.seen`;
        await eventually(async () => existsSync(seen), (yes) => yes, 10_000);
        expectEqual(existsSync(seen) ? readFileSync(seen, 'utf8') : 'nothing within 10 s', 'aborted', `what waitForAbort saw in the worker once ${method}'s signal was aborted`);
        expectEqual(await pool.apply('getPid', []), pid, `the worker's pid after the task of ${method} returned on its abort (the same worker)`);
      }
    });
  },
});
