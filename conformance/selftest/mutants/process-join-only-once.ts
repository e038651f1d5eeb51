import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-join-only-once',
  area: 'process',
  violation: 'join() after a join() that returned fails ("process already joined") instead of returning again',
  aims: ['process.join.can-be-repeated'],
  reaches: (t) => t.some('process', 'join', (e) => t.after(e, 'join')),
  process: {
    join: (base, { life }) => async (timeoutMs) => {
      if (life.joins > 0) throw new Error('process already joined');
      await base.join(timeoutMs);
    },
  },
});
