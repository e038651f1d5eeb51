import { expectTrue } from '../../harness/expect.js';
import type { ProcessInfo } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.worker.is-daemonic',
  statement: 'Pool workers are daemonic processes: current_process().daemon is True inside a task, and the worker is not the parent.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._repopulate_pool_static',
  needs: ['pool'],
  relies: 'The daemon flag is what the implementation reports inside the task (current_process().daemon); what a daemonic worker may not do, start a child, is observed by pool.worker.cannot-start-processes.',
  timeoutMs: 120_000,
  async check(session) {
    const parent = await session.currentProcess();
    await withPool(session, { processes: 2 }, async (pool) => {
      const identities = (await pool.map('workerIdentity', [0, 1, 2, 3], 1)) as ProcessInfo[];
      expectTrue(identities.length === 4 && identities.every((who) => who.daemon === true), 'daemon of currentProcess() in every task', identities);
      expectTrue(identities.every((who) => who.pid !== parent.pid && who.name !== parent.name),
        `every task ran outside the parent (pid ${parent.pid}, name ${parent.name})`, identities);
    });
  },
});
