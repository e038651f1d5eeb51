import { defineMutant } from './lib/mutant.js';

/** How long an item waits in the putting process before it reaches the queue. */
const FLUSH_MS = 4000;

/**
 * put() hands the item to a buffer and returns; a timer flushes the buffer to the queue every few seconds. Seen
 * from elsewhere, an item put is not in the queue yet: another process counts fewer items.
 */
export default defineMutant({
  name: 'queue-put-flushed-late',
  area: 'queue',
  violation: `put() returns before the item is in the queue: a buffer in the putting process flushes it ${FLUSH_MS / 1000} s later`,
  aims: ['queue.qsize.seen-from-another-process'],
  reaches: (t) => t.some('queue', 'put') && t.some('session', 'createProcess'),
  queue: {
    put: (base, { state }) => async (item, options) => {
      // One flush after another, in the order of the puts.
      const previous = (state.flushed as Promise<void> | undefined) ?? Promise.resolve();
      const flushed = previous.then(() => new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS))).then(() => base.put(item, options));
      state.flushed = flushed.catch(() => undefined);
    },
  },
});
