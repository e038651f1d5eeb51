import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'process.parent.pool-worker-sees-the-pool-owner',
  statement: "In a pool worker, parent_process() is the process that created the pool: its name and pid.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.parent_process',
  needs: ['process', 'process.parent', 'pool'],
  async check(session) {
    const me = await session.currentProcess();
    const seen = await withPool(session, { processes: 2 }, (pool) => pool.map('workerParent', [0, 1, 2, 3], 1));
    expectEqual(seen, [0, 1, 2, 3].map(() => ({ name: me.name, pid: me.pid })), 'parentProcess() in the workers that ran the items');
  },
});
