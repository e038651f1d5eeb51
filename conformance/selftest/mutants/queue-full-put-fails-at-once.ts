import { defineMutant } from './lib/mutant.js';

class Full extends Error {
  override name = 'Full';
}

export default defineMutant({
  name: 'queue-full-put-fails-at-once',
  area: 'queue',
  violation: 'a blocking put() on a full queue raises Full at once instead of waiting for room (block is ignored)',
  aims: ['queue.put.blocked-put-resumes-when-a-consumer-makes-room', 'queue.put.timeout-on-full-raises-full'],
  // Only a put that had to wait on the reference found the queue full.
  reaches: (t) => t.some('queue', 'put', (e) => e.waited === true),
  queue: {
    put: (base) => async (item, options) => {
      if (await base.full()) throw new Full('queue is full');
      await base.put(item, options);
    },
  },
});
