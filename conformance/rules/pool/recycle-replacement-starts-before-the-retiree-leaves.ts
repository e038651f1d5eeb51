import { RuleFailure } from '../../harness/expect.js';
import type { PoolHandle, PoolStatsView, TaskName } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const LIMIT_MB = 180;
const OVER_MB = 240;

const able = (stats: PoolStatsView) => stats.workers.filter((worker) => !worker.retiring);

/** After each of `rounds` tasks that retire their worker, the pool must list `processes` workers able to take work. */
async function check(pool: PoolHandle, processes: number, rounds: number, task: TaskName, args: unknown[], what: string): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const retiree = await pool.apply(task, args);
    const stats = await pool.stats!();
    const ready = able(stats);
    if (ready.length < processes || ready.some((worker) => worker.pid === retiree)) {
      throw new RuleFailure(`the workers of pool.stats() just after ${what} (round ${round + 1}) returned in worker ${String(retiree)}`,
        `${processes} workers not retiring, none of them ${String(retiree)}`, JSON.stringify(stats.workers));
    }
  }
}

export default defineRule({
  id: 'pool.recycle.replacement-starts-before-the-retiree-leaves',
  statement:
    "A worker that will run nothing more (past maxMemoryPerChildMb, or its maxTasksPerChild tasks done) has its replacement started at once, before it leaves: as soon as its last task's value is returned, pool.stats() lists as many workers able to take work as the pool's size (CPython gh-115634 deadlocked with fewer).",
  source: 'beyond',
  cpython: {
    does: "Python's Pool starts a replacement only once its worker handler has seen the old worker exit, and has no stats (the driver does not claim pool.recycle).",
    failure: /does not claim pool\.(recycle|stats)/,
  },
  needs: ['pool', 'pool.recycle', 'pool.stats', 'pool.maxtasks'],
  timeoutMs: 180_000,
  async check(session) {
    await withPool(session, { processes: 2, maxMemoryPerChildMb: LIMIT_MB }, async (pool) => {
      await check(pool, 2, 3, 'allocate', [OVER_MB], `allocate(${OVER_MB}) on Pool(2, maxMemoryPerChildMb ${LIMIT_MB})`);
    });
    await withPool(session, { processes: 2, maxTasksPerChild: 1 }, async (pool) => {
      await check(pool, 2, 3, 'getPid', [], 'getPid() on Pool(2, maxTasksPerChild 1)');
    });
  },
});
