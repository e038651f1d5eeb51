import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imap-unordered-duplicates',
  area: 'pool',
  violation: 'imapUnordered yields its first result twice',
  aims: ['pool.imapunordered.yields-each-result-once'],
  reaches: (t) => t.some('pool', 'imapUnordered'),
  pool: {
    imapUnordered: (base) => async (task, items, chunksize) => {
      const outcome = await base.imapUnordered(task, items, chunksize);
      return outcome.values.length === 0 ? outcome : { ...outcome, values: [outcome.values[0], ...outcome.values] };
    },
  },
});
