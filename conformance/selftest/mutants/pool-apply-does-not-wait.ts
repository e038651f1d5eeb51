import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-apply-does-not-wait',
  area: 'pool',
  violation: 'apply() submits the task and returns at once (undefined) instead of waiting for its value',
  aims: ['pool.apply.blocks-and-returns'],
  reaches: (t) => t.some('pool', 'apply'),
  pool: {
    apply: (base) => async (task, args) => {
      await base.applyAsync(task, args);
      return undefined;
    },
  },
});
