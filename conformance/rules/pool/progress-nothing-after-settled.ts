import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.progress.nothing-after-settled',
  statement:
    "Once a call has settled, its progress listener hears nothing more: a map that failed on one item while another item's task goes on reporting is silent from its rejection on.",
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no progress reporting (the driver does not claim pool.progress).",
    failure: /does not claim pool\.progress/,
  },
  needs: ['pool', 'pool.progress'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // Item 0 reports for about 2 s; item 1 fails at once, and with it the call.
      const what = 'starmap(reportProgress, [[200, 10], [-1, 0]], 1)';
      const outcome = await pool.progressing!({ method: 'starmap', task: 'reportProgress', payload: [[200, 10], [-1, 0]], chunksize: 1, quietMs: 500 });
      expectEqual(outcome.settled, 'rejected', what);
      expectEqual(outcome.error?.name, 'ValueError', `the error ${what} rejected with`);
      expectEqual(outcome.updates.filter((update) => update.afterSettled), [], `what the listener of ${what} heard after the call rejected`);
    });
  },
});
