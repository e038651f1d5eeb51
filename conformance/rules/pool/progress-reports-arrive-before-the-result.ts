import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.progress.reports-arrive-before-the-result',
  statement:
    "A task's progress reports all reach the listener before its call settles, the last one it made included (however the implementation spaces or coalesces them), followed by the call's own { done: 1, total: 1 } for apply.",
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no progress reporting (the driver does not claim pool.progress).",
    failure: /does not claim pool\.progress/,
  },
  needs: ['pool', 'pool.progress'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const [n, ms] of [[6, 20], [3000, 0]] as const) {
        const what = `apply(reportProgress, [${n}, ${ms}])`;
        const outcome = await pool.progressing!({ method: 'apply', task: 'reportProgress', payload: [n, ms], quietMs: 300 });
        expectEqual(outcome.settled, 'resolved', `${what} with a progress listener`);
        expectEqual(outcome.updates.filter((update) => update.afterSettled).length, 0, `updates of ${what} heard after it settled`);
        const reports = outcome.updates.filter((update) => 'value' in update);
        expectEqual(reports.at(-1)?.value, n - 1, `the last report of ${what} heard (what the task reported last)`);
        const last = outcome.updates.at(-1);
        expectEqual(last === undefined ? undefined : { done: last.done, total: last.total }, { done: 1, total: 1 }, `the last update of ${what}`);
      }
    });
  },
});
