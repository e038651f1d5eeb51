import { UNSENDABLE_MARK } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** Whether `item` holds the stand-in for a value that cannot be sent, at any depth. */
const unsendable = (item: unknown): boolean => JSON.stringify(item ?? null).includes(`"${UNSENDABLE_MARK}":true`);

/**
 * Python's way, without Python's excuse: put() accepts an item it cannot send, returns, and the item is lost
 * (an implementation that serializes later, off the caller's path, and swallows the failure).
 */
export default defineMutant({
  name: 'queue-unsendable-dropped-silently',
  area: 'queue',
  violation: 'put() of an item that cannot be sent returns without an error and the item is silently dropped',
  aims: ['queue.put.unsendable-item-is-refused-in-the-caller'],
  reaches: (t) => t.some('queue', ['put', 'putNowait'], (e) => unsendable(e.args[0])),
  queue: {
    put: (base) => async (item, options) => {
      if (!unsendable(item)) return base.put(item, options);
    },
    putNowait: (base) => async (item) => {
      if (!unsendable(item)) return base.putNowait(item);
    },
  },
});
