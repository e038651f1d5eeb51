import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imapunordered-chunks-reversed',
  area: 'pool',
  violation:
    'imapUnordered hands out the results a worker sent together last-first (popped off a stack), so even one worker does not yield them in input order',
  aims: ['pool.imapunordered.one-worker-keeps-input-order'],
  reaches: (t) => t.some('pool', 'imapUnordered', (e) => Array.isArray(e.args[1]) && e.args[1].length > 1),
  pool: {
    imapUnordered: (base) => async (task, items, chunksize) => {
      const outcome = await base.imapUnordered(task, items, chunksize);
      return { ...outcome, values: [...outcome.values].reverse() };
    },
  },
});
