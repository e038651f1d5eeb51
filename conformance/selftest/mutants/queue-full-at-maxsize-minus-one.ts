import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'queue-full-at-maxsize-minus-one',
  area: 'queue',
  violation: 'full() is true one item early: it compares qsize() with maxsize - 1',
  aims: ['queue.state.empty-and-full-follow-the-contents'],
  reaches: (t) => t.some('queue', 'full', (e) => ((t.options<{ maxsize?: number }>(e.handle).maxsize ?? 0) > 0)),
  queue: {
    full: (base, { options }) => async () => {
      const maxsize = options.maxsize ?? 0;
      return maxsize > 0 ? (await base.qsize()) >= maxsize - 1 : base.full();
    },
  },
});
