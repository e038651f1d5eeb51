import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-close-twice-fails',
  area: 'process',
  violation: 'close() on a closed Process fails ("process object is closed") instead of doing nothing',
  aims: ['process.close.can-be-repeated'],
  reaches: (t) => t.some('process', 'close', (e) => t.after(e, 'close')),
  process: {
    close: (base, { life }) => async () => {
      if (life.closed) throw new Error('process object is closed');
      await base.close();
    },
  },
});
