import { defineMutant } from './lib/mutant.js';
import { itemsOf } from './lib/trace-view.js';

export default defineMutant({
  name: 'pool-imap-lifo',
  area: 'pool',
  violation: 'imap buffers results on a stack: a consumer slower than the workers gets the newest result first (emulated: all buffered, yielded last-in first-out)',
  aims: ['pool.imap.yields-in-order'],
  reaches: (t) => t.some('pool', 'imap', (e) => itemsOf(e).length >= 2),
  pool: {
    imap: (base) => async (task, items, chunksize) => {
      const outcome = await base.imap(task, items, chunksize);
      return { ...outcome, values: [...outcome.values].reverse() };
    },
  },
});
