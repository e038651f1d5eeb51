import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** How long each task waits for its partner: both run on fresh workers that start at the same time. */
const MEET_MS = 10_000;

export default defineRule({
  id: 'pool.maxtasks.replacements-keep-the-pool-size',
  statement:
    'Workers that exit after maxtasksperchild tasks are replaced one for one: after four tasks on Pool(2, maxtasksperchild=1), two tasks still run at the same time.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._maintain_pool starts as many workers as have exited',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 2, maxTasksPerChild: 1 }, async (pool) => {
      const pids = await pool.starmap('getPid', [[], [], [], []], 1);
      expectEqual(new Set(pids).size, 4, `distinct processes that ran starmap(getPid, 4 items, 1) (pids ${pids.join(', ')})`);
      // Two tasks that each wait for the other both see two only if they run side by side: the pool has two workers.
      const meet = (name: string) => [context.tmpdir, name, 2, MEET_MS];
      const pair = await pool.starmapAsync('rendezvous', [meet('a'), meet('b')], 1);
      expectEqual(await pair.get(60_000), [2, 2], `starmap_async(rendezvous, two tasks that wait up to ${MEET_MS} ms for each other) after the replacements`);
    });
  },
});
