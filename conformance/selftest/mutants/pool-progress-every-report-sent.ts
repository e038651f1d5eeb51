import { isReport, rewritten } from './lib/progressing.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-progress-every-report-sent',
  area: 'pool',
  violation: 'progress is not coalesced: every report a task makes is one message, so a task reporting in a tight loop floods the channel and the listener',
  aims: ['pool.progress.flood-is-coalesced'],
  reaches: (t) => t.some('pool', 'progressing'),
  pool: {
    progressing: (base) =>
      rewritten(base, (updates, _outcome, call) => {
        // apply(reportProgress, [n, ms]): the task reported 0 … n-1, each of which this pool sends.
        const n = call.task === 'reportProgress' && (call.method === 'apply' || call.method === 'applyAsync') ? Number(call.payload[0]) : 0;
        const first = updates.find(isReport);
        if (first === undefined || !(n > 0)) return [...updates];
        const every = Array.from({ length: n }, (_, value) => ({ ...first, value }));
        return [...every, ...updates.filter((update) => !isReport(update))];
      }),
  },
});
