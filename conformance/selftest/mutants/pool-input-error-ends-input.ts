import type { PoolInput } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** What is left of an input whose iterator raises when its error is taken for the end of the input. */
const quiet = (input: PoolInput): PoolInput => (!Array.isArray(input) && 'failingAfter' in input ? input.items.slice(0, input.failingAfter) : input);

export default defineMutant({
  name: 'pool-input-error-ends-input',
  area: 'pool',
  violation: 'an input iterator that raises is taken to have ended (its error caught as the end of the input): the call returns the results of the items before it, and nobody hears the error',
  aims: ['pool.map.iterable-exception-raised-at-the-call', 'pool.imap.iterable-exception-after-the-read-items'],
  reaches: (t) => t.some('pool', ['withInput', 'imapIterator'], (e) => JSON.stringify(e.args).includes('"failingAfter"')),
  pool: {
    withInput: (base) => (method, task, input, chunksize) => base.withInput!(method, task, quiet(input), chunksize),
    imapIterator: (base) => (task, input, chunksize, options) => base.imapIterator!(task, quiet(input), chunksize, options),
  },
});
