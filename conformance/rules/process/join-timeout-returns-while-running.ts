import { expectEqual, expectTrue } from '../../harness/expect.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

/**
 * The task waits for a partner file that the rule writes only after its own checks: a call that wrongly waited for
 * the task would wait out the task's own limit and then see it finished, whatever the machine's speed.
 */
const TASK_LIMIT_MS = 30_000;

export default defineRule({
  id: 'process.join.timeout-returns-while-running',
  statement: 'join(timeout) on a child that outlives the timeout returns after about timeout, without error, leaving it running.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.join',
  needs: ['process'],
  async check(session, context) {
    await withProcess(session, { target: 'rendezvous', args: [context.tmpdir, 'child', 2, TASK_LIMIT_MS] }, async (p) => {
      try {
        await p.start();
        const started = performance.now();
        await p.join(500);
        const waited = performance.now() - started;
        expectTrue(waited >= 450, 'join(500) on a child that waits for the rule waited at least 450 ms', `${Math.round(waited)} ms`);
        expectEqual(await p.isAlive(), true, 'isAlive() after join(500) timed out');
        expectEqual(await p.exitCode(), null, 'exitCode() after join(500) timed out');
      } finally {
        // The child waits for this file: let it end.
        await writeFile(join(context.tmpdir, 'rule'), '');
      }
    });
  },
});
