import { defineMutant } from './lib/mutant.js';

/**
 * Emulates a worker that, past its memory limit, hands back the tasks it holds but keeps running them too: the
 * task after each one that crossed the limit runs twice (once in the retiree, once where it was handed on).
 */
export default defineMutant({
  name: 'pool-recycle-retiree-runs-on',
  area: 'pool',
  violation: 'a worker past maxMemoryPerChildMb hands its queued tasks to other workers and still runs them itself: tasks run twice',
  aims: ['pool.recycle.no-task-lost-or-run-twice'],
  reaches: (t) => t.some('pool', 'starmap', (e) => e.args[0] === 'recordRun'),
  pool: {
    starmap: (base) => async (task, argLists, chunksize) => {
      const values = await base.starmap(task, argLists, chunksize);
      if (task !== 'recordRun') return values;
      for (let i = 0; i + 1 < argLists.length; i++) {
        if (Number(argLists[i]![2]) > 0) await base.apply('recordRun', [argLists[i + 1]![0], argLists[i + 1]![1], 0]);
      }
      return values;
    },
  },
});
