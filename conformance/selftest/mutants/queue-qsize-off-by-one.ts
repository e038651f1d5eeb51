import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'queue-qsize-off-by-one',
  area: 'queue',
  violation: 'qsize() counts one item more than the queue holds',
  aims: ['queue.qsize.counts-items-in-the-same-process'],
  reaches: (t) => t.some('queue', 'qsize'),
  queue: {
    qsize: (base) => async () => (await base.qsize()) + 1,
  },
});
