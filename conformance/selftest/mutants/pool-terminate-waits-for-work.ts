import { defineMutant } from './lib/mutant.js';
import { outstandingAt } from './lib/outstanding.js';

export default defineMutant({
  name: 'pool-terminate-waits-for-work',
  area: 'pool',
  violation: 'terminate() lets running and queued tasks finish (it behaves as close())',
  aims: ['pool.join.after-terminate-returns'],
  reaches: (t) => t.some('pool', 'terminate', (e) => outstandingAt(t, e)),
  pool: {
    terminate: (base) => () => base.close(),
  },
});
