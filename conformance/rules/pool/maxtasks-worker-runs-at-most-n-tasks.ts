import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.maxtasks.worker-runs-at-most-n-tasks',
  statement:
    'With maxtasksperchild=2, a worker runs two tasks and is then replaced, and the pool keeps its size: six one-item tasks on one process run in three processes, two tasks each.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.workers-here', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1, maxTasksPerChild: 2 }, async (pool) => {
      const pids = (await pool.starmap('getPid', Array.from({ length: 6 }, () => []), 1)) as number[];
      // One worker at a time: tasks run in order, so each process's tasks are next to each other.
      const runs: number[] = [];
      pids.forEach((pid, i) => (i > 0 && pid === pids[i - 1] ? runs[runs.length - 1]!++ : runs.push(1)));
      expectEqual(runs, [2, 2, 2], `tasks per process, in order, of starmap(getPid, 6 items, 1) with processes 1 and maxtasksperchild 2 (pids ${pids.join(', ')})`);
      expectEqual(new Set(pids).size, 3, 'distinct processes that ran the six tasks');
    });
  },
});
