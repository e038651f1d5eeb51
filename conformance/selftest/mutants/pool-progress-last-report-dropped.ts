import { isReport, rewritten } from './lib/progressing.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-progress-last-report-dropped',
  area: 'pool',
  violation: 'the report a worker held back to coalesce is dropped when its task ends, instead of being sent before the result: the listener never hears where the task got to',
  aims: ['pool.progress.reports-arrive-before-the-result'],
  reaches: (t) => t.some('pool', 'progressing'),
  pool: {
    progressing: (base) =>
      rewritten(base, (updates) => {
        const last = updates.findLastIndex(isReport);
        return updates.filter((_update, i) => i !== last);
      }),
  },
});
