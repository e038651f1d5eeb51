import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imap-next-ignores-timeout',
  area: 'pool',
  violation: 'the imap iterator\'s next(timeoutMs) ignores its timeout and waits for the result, as the library\'s iterators once did',
  aims: ['pool.imap.next-timeout-raises-and-the-item-still-comes'],
  reaches: (t) => t.some('result', 'next', (e) => typeof e.args[0] === 'number'),
  pool: {
    imapIterator: (base) => async (task, input, chunksize, options) => {
      const iterator = await base.imapIterator!(task, input, chunksize, options);
      return { ...iterator, next: () => iterator.next() };
    },
  },
});
