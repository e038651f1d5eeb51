import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.maxtasks.replaces-workers',
  statement: 'With maxtasksperchild=1 each worker exits after one task and is replaced: six one-item tasks run in six different processes.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 180_000,
  async check(session) {
    await withPool(session, { processes: 2, maxTasksPerChild: 1 }, async (pool) => {
      const pids = await pool.starmap('getPid', Array.from({ length: 6 }, () => []), 1);
      expectTrue(new Set(pids).size === 6, 'distinct pids of starmap(getPid, 6 items, chunksize 1) with maxTasksPerChild 1', pids);
    });
  },
});
