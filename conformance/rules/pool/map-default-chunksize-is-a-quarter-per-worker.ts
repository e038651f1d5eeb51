import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The sizes of the runs of equal neighbours: [7, 7, 9, 9, 9] → [2, 3]. */
function runs(values: readonly unknown[]): number[] {
  const sizes: number[] = [];
  values.forEach((value, i) => {
    if (i > 0 && value === values[i - 1]) sizes[sizes.length - 1]!++;
    else sizes.push(1);
  });
  return sizes;
}

export default defineRule({
  id: 'pool.map.default-chunksize-is-a-quarter-per-worker',
  statement:
    'Without a chunksize, map cuts its input into chunks of ceil(len / (4 * processes)) items, each one task: on a fresh ' +
    'pool of 2 workers replaced after every task (maxtasksperchild=1), the items of a chunk share a worker and no two ' +
    'chunks do, so 16 items run as 8 chunks of 2, and 20 items as 6 chunks of 3 and one of 2. Here processes is ' +
    'the number of workers in the pool when map is called (CPython reads len(self._pool), one short while a worker ' +
    'that retired is being replaced), so only a fresh pool has all of them for certain.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._map_async (chunksize, extra = divmod(len(iterable), len(self._pool) * 4))',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session) {
    // One fresh pool per map: a second map on the same pool may find a retired worker not yet replaced.
    await withPool(session, { processes: 2, maxTasksPerChild: 1 }, async (pool) => {
      const sixteen = await pool.map('getPid', Array.from({ length: 16 }, (_, i) => i));
      expectEqual(runs(sixteen), [2, 2, 2, 2, 2, 2, 2, 2], 'runs of one pid in map(getPid, range(16)) on 2 workers with maxtasksperchild=1');
      expectEqual(new Set(sixteen).size, 8, 'different pids in map(getPid, range(16)): one fresh worker per chunk');
    });
    await withPool(session, { processes: 2, maxTasksPerChild: 1 }, async (pool) => {
      const twenty = await pool.map('getPid', Array.from({ length: 20 }, (_, i) => i));
      expectEqual(runs(twenty), [3, 3, 3, 3, 3, 3, 2], 'runs of one pid in map(getPid, range(20)) on 2 workers with maxtasksperchild=1');
    });
  },
});
