import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'queue-put-after-close-dropped',
  area: 'queue',
  violation: 'put() on a closed queue drops the item quietly instead of raising',
  aims: ['queue.close.then-put-fails'],
  reaches: (t) => t.some('queue', ['put', 'putNowait'], (e) => t.after(e, 'close')),
  queue: {
    put: (base, { life }) => async (item, options) => {
      if (!life.closed) await base.put(item, options);
    },
    putNowait: (base, { life }) => async (item) => {
      if (!life.closed) await base.putNowait(item);
    },
  },
});
