import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-join-before-close-allowed',
  area: 'pool',
  violation: 'join() on a running pool (neither closed nor terminated) returns instead of raising "Pool is still running"',
  aims: ['pool.join.before-close-fails'],
  reaches: (t) => t.some('pool', 'join', (e) => !t.after(e, ['close', 'terminate'])),
  pool: {
    join: (base, { life }) => async () => {
      if (!life.closed && !life.terminated) return;
      await base.join();
    },
  },
});
