import { defineMutant } from './lib/mutant.js';

/**
 * Emulates a pool that forgets the tasks a memory retiree held but had not started: a starmap with a task that
 * pushes its worker past the limit never settles.
 */
export default defineMutant({
  name: 'pool-recycle-strands-work',
  area: 'pool',
  violation: 'the tasks a worker retired for memory held but had not started are dropped: the call that submitted them never settles',
  aims: ['pool.recycle.no-task-lost-or-run-twice'],
  reaches: (t) => t.some('pool', 'starmap', (e) => e.args[0] === 'recordRun'),
  pool: {
    starmap: (base, context) => async (task, argLists, chunksize) => {
      const strands = task === 'recordRun' && argLists.some((args) => Number(args[2]) > 0) && context.options.maxMemoryPerChildMb !== undefined;
      if (!strands) return base.starmap(task, argLists, chunksize);
      // The tasks before the first that crosses the limit run; the call then waits for ever.
      const first = argLists.findIndex((args) => Number(args[2]) > 0);
      await base.starmap(task, argLists.slice(0, first + 1), chunksize);
      return context.session.hang();
    },
  },
});
