import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-unresolvable-task-at-get',
  area: 'pool',
  violation: 'applyAsync and mapAsync accept a function no worker can find and return a result whose get() raises, as CPython does, instead of refusing it at the call',
  aims: ['pool.applyasync.unresolvable-task-refused-at-the-call'],
  reaches: (t) => t.some('pool', ['applyAsync', 'mapAsync'], (e) => e.threw === true),
  pool: {
    applyAsync: (base) => async (task, args, options) => {
      try {
        return await base.applyAsync(task, args, options);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TaskReferenceError')) throw error;
        return resultOf(Promise.reject(error));
      }
    },
    mapAsync: (base) => async (task, items, chunksize) => {
      try {
        return await base.mapAsync(task, items, chunksize);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TaskReferenceError')) throw error;
        return resultOf(Promise.reject(error));
      }
    },
  },
});
