import type { PoolInput } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { itemsOf } from './lib/trace-view.js';

/** Whether an input yields nothing: an empty list or an empty generator. */
const empty = (input: PoolInput) =>
  Array.isArray(input) ? input.length === 0 : 'generator' in input ? input.generator.length === 0 : false;

export default defineMutant({
  name: 'pool-imap-empty-waits',
  area: 'pool',
  violation: 'imap and imapUnordered wait for a first result before they know the input\'s length: over an empty input they never end',
  aims: ['pool.imap.empty-input-yields-nothing'],
  reaches: (t) =>
    t.some('pool', ['imap', 'imapUnordered'], (e) => itemsOf(e).length === 0) ||
    t.some('pool', 'withInput', (e) => (e.args[0] === 'imap' || e.args[0] === 'imapUnordered') && empty(e.args[2] as PoolInput)),
  pool: {
    imap: (base, { session }) => (task, items, chunksize) => (items.length === 0 ? session.hang() : base.imap(task, items, chunksize)),
    imapUnordered: (base, { session }) => (task, items, chunksize) =>
      items.length === 0 ? session.hang() : base.imapUnordered(task, items, chunksize),
    withInput: (base, { session }) => (method, task, input, chunksize) =>
      (method === 'imap' || method === 'imapUnordered') && empty(input) ? session.hang() : base.withInput!(method, task, input, chunksize),
  },
});
