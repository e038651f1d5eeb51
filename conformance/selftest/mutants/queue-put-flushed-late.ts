import { defineMutant } from './lib/mutant.js';

/** How long an item waits in the putting process before it reaches the queue. */
const FLUSH_MS = 4000;

/**
 * put() hands the item to a buffer and returns; a timer flushes the whole buffer to the queue a few seconds after
 * the first item went in. Seen from elsewhere, an item put is not in the queue yet: another process counts fewer.
 */
export default defineMutant({
  name: 'queue-put-flushed-late',
  area: 'queue',
  violation: `put() returns before the item is in the queue: a buffer in the putting process flushes it up to ${FLUSH_MS / 1000} s later`,
  aims: ['queue.qsize.seen-from-another-process'],
  reaches: (t) => t.some('queue', 'put') && t.some('session', 'createProcess'),
  queue: {
    put: (base, { state }) => async (item, options) => {
      const buffer = ((state.buffer as [unknown, typeof options][] | undefined) ?? (state.buffer = [])) as [unknown, typeof options][];
      buffer.push([item, options]);
      if (buffer.length > 1) return; // the timer is set already
      setTimeout(() => {
        // In order, one after the other; a put that fails now has nobody to tell (the fault's own cost).
        void (async () => {
          while (buffer.length > 0) await base.put(...buffer[0]!).catch(() => undefined).finally(() => buffer.shift());
        })();
      }, FLUSH_MS);
    },
  },
});
