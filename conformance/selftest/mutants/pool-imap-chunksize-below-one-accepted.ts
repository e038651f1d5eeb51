import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imap-chunksize-below-one-accepted',
  area: 'pool',
  violation: 'imap and imapUnordered take a chunksize below 1 as 1 instead of raising',
  aims: ['pool.imap.chunksize-below-one-fails'],
  reaches: (t) => t.some('pool', ['imap', 'imapUnordered'], (e) => typeof e.args[2] === 'number' && e.args[2] < 1),
  pool: {
    imap: (base) => (task, items, chunksize) => base.imap(task, items, chunksize !== undefined && chunksize < 1 ? 1 : chunksize),
    imapUnordered: (base) => (task, items, chunksize) =>
      base.imapUnordered(task, items, chunksize !== undefined && chunksize < 1 ? 1 : chunksize),
  },
});
