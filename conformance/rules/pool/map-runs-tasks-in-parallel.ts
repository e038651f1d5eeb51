import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.map.runs-tasks-in-parallel',
  statement: 'A Pool runs tasks in its workers at the same time: four 2-second tasks on four workers take well under 8 seconds.',
  source: 'seed',
  python: 'seed: Practical: Sequential vs Parallel Execution',
  needs: ['pool'],
  timeoutMs: 180_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 4 });
    try {
      // Let the workers start first: the timing is about running tasks, not about starting processes.
      await pool.map('square', [1, 2, 3, 4], 1);
      const started = performance.now();
      const results = await pool.starmap('slowSquare', [[1, 2000], [2, 2000], [3, 2000], [4, 2000]], 1);
      const took = performance.now() - started;
      expectEqual(results, [1, 4, 9, 16], 'starmap(slowSquare, four 2000 ms items, chunksize 1)');
      // One at a time they take 8 s; even two at a time (4 s) passes, so a loaded machine does not fail this.
      expectTrue(took < 6500, 'four 2000 ms tasks on Pool(processes=4) finished within 6500 ms', `${Math.round(took)} ms`);
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
