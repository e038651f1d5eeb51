import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-successful-inverted',
  area: 'pool',
  violation: 'successful() answers whether the task raised (the test is inverted)',
  aims: ['pool.asyncresult.successful-true-after-success', 'pool.asyncresult.successful-false-after-error'],
  reaches: (t) => t.some('result', 'successful', (e) => e.threw !== true),
  result: {
    successful: (base) => async () => !(await base.successful()),
  },
});
