import { isReport, rewritten } from './lib/progressing.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-progress-heard-after-settled',
  area: 'pool',
  violation: "a call that failed still passes on the reports of its tasks that go on running: the listener hears of work whose call already rejected",
  aims: ['pool.progress.nothing-after-settled'],
  reaches: (t) => t.some('pool', 'progressing'),
  pool: {
    progressing: (base) =>
      rewritten(base, (updates, outcome) => {
        if (outcome.settled !== 'rejected') return [...updates];
        // The next report of the task still running, as such a pool would deliver it.
        const last = updates.findLast(isReport);
        const next = last === undefined ? { done: 0, value: 0, index: 0 } : { ...last, value: Number(last.value) + 1 };
        return [...updates, { ...next, afterSettled: true }];
      }),
  },
});
