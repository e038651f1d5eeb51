import { isReport, rewritten } from './lib/progressing.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-progress-done-counts-chunks',
  area: 'pool',
  violation: "a map's { done, total } counts chunks finished where it should count items, so a progress bar stops short of its total",
  aims: ['pool.progress.map-reports-done-and-total'],
  reaches: (t) => t.some('pool', 'progressing'),
  pool: {
    progressing: (base) =>
      rewritten(base, (updates) => {
        let chunks = 0;
        return updates.map((update) => (isReport(update) ? update : { ...update, done: ++chunks }));
      }),
  },
});
