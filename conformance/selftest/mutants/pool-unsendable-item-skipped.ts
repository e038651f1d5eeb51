import { type PoolInput, UNSENDABLE_MARK } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

const unsendable = (item: unknown) => JSON.stringify(item ?? null).includes(UNSENDABLE_MARK);
/** The input with its unsendable items left out, as an encoder that drops what it cannot clone would send it. */
const filtered = (input: PoolInput): PoolInput => (Array.isArray(input) ? input.filter((item) => !unsendable(item)) : input);

export default defineMutant({
  name: 'pool-unsendable-item-skipped',
  area: 'pool',
  violation: 'imap leaves out an item that cannot be sent (its encoder drops what it cannot clone): no error at its position, one result fewer',
  aims: ['pool.imap.unsendable-argument-raised-at-its-position'],
  reaches: (t) => t.some('pool', ['imapIterator', 'imap', 'imapUnordered'], (e) => unsendable(e.args[1])),
  pool: {
    imapIterator: (base) => (task, input, chunksize, options) => base.imapIterator!(task, filtered(input), chunksize, options),
    imap: (base) => (task, items, chunksize) => base.imap(task, items.filter((item) => !unsendable(item)), chunksize),
    imapUnordered: (base) => (task, items, chunksize) => base.imapUnordered(task, items.filter((item) => !unsendable(item)), chunksize),
  },
});
