import { defineMutant } from './lib/mutant.js';
import { outstandingAt } from './lib/outstanding.js';

export default defineMutant({
  name: 'pool-close-terminates',
  area: 'pool',
  violation: 'close() stops the workers at once (it behaves as terminate()): work already submitted is lost',
  aims: ['pool.close.lets-submitted-work-finish'],
  reaches: (t) => t.some('pool', 'close', (e) => outstandingAt(t, e)),
  pool: {
    close: (base) => () => base.terminate(),
  },
});
