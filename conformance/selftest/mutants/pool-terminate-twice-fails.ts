import { defineMutant } from './lib/mutant.js';

/** A terminate() that checks its state like the submitting methods do: a second call is refused. */
export default defineMutant({
  name: 'pool-terminate-twice-fails',
  area: 'pool',
  violation: 'terminate() on a pool already terminated raises instead of returning',
  aims: ['pool.join.and-terminate-can-be-repeated'],
  reaches: (t) => t.calls('pool', 'terminate').length > 1,
  pool: {
    terminate: (base, { life }) => async () => {
      if (life.terminated) throw new Error('Pool not running: it was terminated already');
      await base.terminate();
    },
  },
});
