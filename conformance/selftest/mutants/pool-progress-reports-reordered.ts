import { isReport, rewritten } from './lib/progressing.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-progress-reports-reordered',
  area: 'pool',
  violation: "a task's progress reports reach the listener newest first (sent from a stack, or each from its own timer), not in the order the task made them",
  aims: ['pool.progress.task-reports-arrive-in-order'],
  reaches: (t) => t.some('pool', 'progressing'),
  pool: {
    progressing: (base) =>
      rewritten(base, (updates) => {
        const reports = updates.filter(isReport).reverse();
        return updates.map((update) => (isReport(update) ? reports.shift()! : update));
      }),
  },
});
