import { resultOf } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-unresolvable-task-at-get',
  area: 'pool',
  violation: 'applyAsync accepts a function no worker can find and returns a result whose get() raises, as CPython does, instead of refusing it at the call',
  aims: ['pool.applyasync.unresolvable-task-refused-at-the-call'],
  reaches: (t) => t.some('pool', 'applyAsync', (e) => e.threw === true),
  pool: {
    applyAsync: (base) => async (task, args, options) => {
      try {
        return await base.applyAsync(task, args, options);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'TaskReferenceError')) throw error;
        return resultOf(Promise.reject(error));
      }
    },
  },
});
