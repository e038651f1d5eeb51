import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imap-stops-at-first-error',
  area: 'pool',
  violation: 'once an item failed, the imap iterator is finished: the next call reports the end instead of the items after the failed one',
  aims: ['pool.imap.next-goes-on-after-a-failed-item'],
  reaches: (t) => t.some('result', 'next', (e) => e.threw === true),
  pool: {
    imapIterator: (base) => async (task, input, chunksize, options) => {
      const iterator = await base.imapIterator!(task, input, chunksize, options);
      let failed = false;
      return {
        ...iterator,
        next: async (timeoutMs) => {
          if (failed) return { done: true } as const;
          try {
            return await iterator.next(timeoutMs);
          } catch (error) {
            if (!(error instanceof Error && error.name === 'TimeoutError')) failed = true;
            throw error;
          }
        },
      };
    },
  },
});
