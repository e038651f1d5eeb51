import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.worker.cannot-start-processes',
  statement: 'A pool worker is daemonic, so a task that starts a child process fails inside the worker: daemonic processes are not allowed to have children.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: BaseProcess.start asserts that the current process is not daemonic; Pool._repopulate_pool_static sets daemon',
  needs: ['pool', 'process', 'process.nested'],
  timeoutMs: 120_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'from-worker.json');
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.apply('startChild', [path]);
    });
    const written = await readJsonWritten<{ ok: boolean; name?: string; error?: string }>(path);
    expectEqual(written.ok, false, 'ok written by startChild run as a pool task');
    const pattern = /daemonic processes are not allowed to have children/;
    expectTrue(pattern.test(written.error ?? ''), `error written by startChild in the worker matches /${pattern.source}/`, written.error);
  },
});
