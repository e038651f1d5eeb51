import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-successful-false-when-not-ready',
  area: 'pool',
  violation: 'successful() returns false while the result is not ready, instead of raising',
  aims: ['pool.asyncresult.successful-before-ready-raises'],
  reaches: (t) => t.some('result', 'successful', (e) => e.threw === true),
  result: {
    successful: (base) => async () => {
      if (!(await base.ready())) return false;
      return base.successful();
    },
  },
});
