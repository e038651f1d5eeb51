import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'queue-maxsize-ignored',
  area: 'queue',
  violation: 'maxsize is accepted and ignored: the queue is unbounded, put() never blocks and full() is never true',
  aims: ['queue.maxsize.bounds-the-queue'],
  reaches: (t) => t.some('session', 'createQueue', (e) => ((e.args[0] as { maxsize?: number } | undefined)?.maxsize ?? 0) > 0),
  queueOptions: ({ maxsize: _ignored, ...options }) => options,
});
