import { expectEqual, expectTrue } from '../../harness/expect.js';
import type { ProgressRecord } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The values the tasks reported, by the index of the item that reported them, in the order heard. */
function reportsByIndex(updates: readonly ProgressRecord[]): Map<number, unknown[]> {
  const byIndex = new Map<number, unknown[]>();
  for (const update of updates) {
    if (!('value' in update)) continue;
    const index = update.index ?? -1;
    byIndex.set(index, [...(byIndex.get(index) ?? []), update.value]);
  }
  return byIndex;
}

export default defineRule({
  id: 'pool.progress.task-reports-arrive-in-order',
  statement:
    "What a running task reports of its progress (multiproc: currentTask().progress(value)) reaches the call's progress listener in the parent in the order the task reported it, each report at most once, with the index of the item that reported it.",
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no progress reporting: a task cannot tell the caller how far it got (the driver does not claim pool.progress).",
    failure: /does not claim pool\.progress/,
  },
  needs: ['pool', 'pool.progress'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const apply = await pool.progressing!({ method: 'applyAsync', task: 'reportProgress', payload: [20, 5] });
      expectEqual(apply.settled, 'resolved', 'applyAsync(reportProgress, [20, 5]) with a progress listener');
      const starmap = await pool.progressing!({ method: 'starmap', task: 'reportProgress', payload: [[15, 5], [15, 5]], chunksize: 1 });
      expectEqual(starmap.settled, 'resolved', 'starmap(reportProgress, [[15, 5], [15, 5]], 1) with a progress listener');
      for (const [what, outcome, n, indexes] of [['applyAsync', apply, 20, [0]], ['starmap', starmap, 15, [0, 1]]] as const) {
        const byIndex = reportsByIndex(outcome.updates);
        expectEqual([...byIndex.keys()].sort(), [...indexes], `the item indexes the task reports of ${what} came with`);
        for (const [index, values] of byIndex) {
          const increasing = values.every((value, i) => typeof value === 'number' && value >= 0 && value < n && (i === 0 || value > (values[i - 1] as number)));
          expectTrue(increasing, `the values task ${index} of ${what} reported (0 … ${n - 1}, in that order) arrive in increasing order, none twice`, values);
        }
      }
    });
  },
});
