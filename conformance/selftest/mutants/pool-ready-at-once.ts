import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-ready-at-once',
  area: 'pool',
  violation: 'ready() is true as soon as the task was submitted, before its result exists',
  aims: ['pool.applyasync.returns-before-the-task-finishes', 'pool.asyncresult.wait-timeout-returns-without-result'],
  reaches: (t) => t.some('result', 'ready', (e) => e.value === false),
  result: {
    ready: () => async () => true,
  },
});
