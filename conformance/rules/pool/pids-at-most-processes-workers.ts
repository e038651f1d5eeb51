import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.pids.at-most-processes-workers',
  statement: 'A Pool(processes=3) runs all its tasks, across several map calls, in at most 3 distinct worker processes.',
  source: 'seed',
  python: 'seed: Separate Process IDs',
  needs: ['pool', 'pool.workers-here'],
  timeoutMs: 180_000,
  async check(session) {
    await withPool(session, { processes: 3 }, async (pool) => {
      const empty = (n: number) => Array.from({ length: n }, () => []);
      const first = new Set(await pool.starmap('getPid', empty(6)));
      expectTrue(first.size >= 1 && first.size <= 3, 'distinct pids of starmap(getPid, 6 items) on Pool(processes=3) (1 to 3)', [...first]);
      const second = new Set(await pool.starmap('getPid', empty(60), 1));
      expectTrue(second.size >= 1 && second.size <= 3, 'distinct pids of starmap(getPid, 60 items, chunksize 1) (1 to 3)', [...second]);
      // The workers are reused from one call to the next: a pool does not start new processes per call.
      const all = new Set([...first, ...second]);
      expectTrue(all.size <= 3, 'distinct pids over both calls (at most 3)', [...all]);
    });
  },
});
