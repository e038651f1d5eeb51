import { defineMutant } from './lib/mutant.js';

/** The classic slip: `if (!item)` where `if (item === undefined)` was meant. */
const noItem = (item: unknown) => !item || (Array.isArray(item) && item.length === 0);

function empty(): Error {
  const error = new Error('no item');
  error.name = 'Empty';
  return error;
}

export default defineMutant({
  name: 'queue-falsy-item-means-empty',
  area: 'queue',
  violation: 'get() takes a falsy item (null, false, 0, "") or an empty list for "no item": it drops it and raises Empty',
  aims: ['queue.items.every-json-value-round-trips'],
  reaches: (t) => t.some('queue', ['get', 'getNowait'], (e) => e.threw !== true),
  queue: {
    get: (base) => async (options) => {
      const item = await base.get(options);
      if (noItem(item)) throw empty();
      return item;
    },
    getNowait: (base) => async () => {
      const item = await base.getNowait();
      if (noItem(item)) throw empty();
      return item;
    },
  },
});
