import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.pids.workers-differ-from-parent',
  statement: "Pool tasks run in separate OS processes: every pid a task reports is a positive integer other than the parent's.",
  source: 'seed',
  python: 'seed: Separate Process IDs',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const parent = await session.currentProcess();
    await withPool(session, { processes: 3 }, async (pool) => {
      // getPid takes no argument: starmap with empty argument lists calls it as getPid().
      const pids = await pool.starmap('getPid', Array.from({ length: 6 }, () => []));
      expectTrue(pids.length === 6, 'starmap(getPid, six empty argument lists) gave six pids', pids);
      expectTrue(pids.every((pid) => Number.isInteger(pid) && (pid as number) > 0), 'every worker pid is a positive integer', pids);
      expectTrue(pids.every((pid) => pid !== parent.pid), `no worker pid equals the parent's pid ${parent.pid}`, pids);
    });
  },
});
