import { isDeepStrictEqual } from 'node:util';
import { eventually, expectEqual, RuleFailure } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.stats.counts-tasks-and-recycles',
  statement:
    'pool.stats() counts tasks (chunks, not items) completed and failed, and workers recycled by reason: on Pool(1, maxTasksPerChild 2), map of 6 items in chunks of 2, a task that raises and a task that exits its worker leave completed 3, failed 2, recycled { tasks: 2, crash: 1 }; a running task shows as the current task of its worker.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no stats (the driver does not claim pool.stats).",
    failure: /does not claim pool\.stats/,
  },
  needs: ['pool', 'pool.stats', 'pool.maxtasks'],
  timeoutMs: 180_000,
  async check(session) {
    await withPool(session, { processes: 1, maxTasksPerChild: 2 }, async (pool) => {
      expectEqual(await pool.map('square', [1, 2, 3, 4, 5, 6], 2), [1, 4, 9, 16, 25, 36], 'map(square, 6 items, chunksize 2)');
      // Bounded: how each ends is for other rules; what the stats say of it is this rule's.
      for (const [task, args] of [['raiseError', ['on purpose']], ['exitWith', [3]]] as const) {
        await (await pool.applyAsync(task, args)).get(30_000).catch(() => undefined);
      }
      const wanted = { completed: 3, failed: 2, running: 0, queued: 0, recycled: { tasks: 2, memory: 0, crash: 1, timeout: 0, cancel: 0 } };
      const counts = async () => {
        const { completed, failed, running, queued, recycled } = await pool.stats!();
        return { completed, failed, running, queued, recycled };
      };
      // The crash is counted once the pool has seen its worker exit.
      expectEqual(await eventually(counts, (seen) => isDeepStrictEqual(seen, wanted), 30_000), wanted,
        'pool.stats() after 3 chunks of map, raiseError and exitWith(3) on Pool(1, maxTasksPerChild 2)');
      const slow = await pool.applyAsync('sleepFor', [3000]);
      const busy = await eventually(() => pool.stats!(), (stats) => stats.running === 1, 60_000);
      const current = busy.workers.map((worker) => worker.current).find((task) => task !== null);
      if (current?.task !== 'sleepFor' || current.index !== 0 || current.count !== 1) {
        throw new RuleFailure('the current task of the busy worker in pool.stats() while sleepFor(3000) runs', '{ task: "sleepFor", index: 0, count: 1 }', JSON.stringify(busy.workers));
      }
      await slow.get(60_000);
      expectEqual((await pool.stats!()).completed, 4, 'completed after sleepFor returned');
    });
  },
});
