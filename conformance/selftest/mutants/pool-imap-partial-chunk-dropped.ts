import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-imap-partial-chunk-dropped',
  area: 'pool',
  violation: 'when the input raises while imap reads a chunk, the items of that chunk already read are thrown away, as CPython does',
  aims: ['pool.imap.iterable-exception-keeps-the-partial-chunk'],
  reaches: (t) => t.some('pool', 'withInput', (e) => JSON.stringify(e.args).includes('"failingAfter"') && Number(e.args[3] ?? 1) > 1),
  pool: {
    withInput: (base) => async (method, task, input, chunksize) => {
      const outcome = await base.withInput!(method, task, input, chunksize);
      const size = chunksize ?? 1;
      if ((method !== 'imap' && method !== 'imapUnordered') || Array.isArray(input) || !('failingAfter' in input) || size <= 1) return outcome;
      const iterated = outcome as { values: unknown[]; error?: { name: string; message: string } };
      return { ...iterated, values: iterated.values.slice(0, input.failingAfter - (input.failingAfter % size)) } as typeof outcome;
    },
  },
});
