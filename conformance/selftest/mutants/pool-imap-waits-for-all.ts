import { defineMutant } from './lib/mutant.js';
import { mayRaise } from './lib/trace-view.js';

export default defineMutant({
  name: 'pool-imap-waits-for-all',
  area: 'pool',
  violation: 'imap is map in disguise: it yields nothing until every item is done, so an error comes before the results that preceded it',
  aims: ['pool.imap.error-raised-at-its-position'],
  reaches: (t) => t.some('pool', 'imap', (e) => mayRaise(e)),
  pool: {
    imap: (base) => async (task, items, chunksize) => {
      if (chunksize !== undefined && chunksize < 1) return base.imap(task, items, chunksize);
      try {
        return { values: await base.map(task, items, chunksize) };
      } catch (error) {
        const { name, message } = error as Error;
        return { values: [], error: { name, message } };
      }
    },
  },
});
