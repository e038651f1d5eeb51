import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const REPORTS = 100_000;
/** A hundredth: a synchronous loop of 100,000 reports takes well under a second, and a few reports per 16 ms fit. */
const AT_MOST = REPORTS / 100;

export default defineRule({
  id: 'pool.progress.flood-is-coalesced',
  statement:
    'A task that reports its progress 100,000 times in a synchronous loop does not flood the channel: the listener hears a small fraction of them (multiproc: at most one per 16 ms per task), the latest value winning.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no progress reporting (the driver does not claim pool.progress).",
    failure: /does not claim pool\.progress/,
  },
  needs: ['pool', 'pool.progress'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const what = `apply(reportProgress, [${REPORTS}, 0])`;
      const outcome = await pool.progressing!({ method: 'apply', task: 'reportProgress', payload: [REPORTS, 0] });
      expectEqual(outcome.value, REPORTS, `what ${what} returned`);
      const reports = outcome.updates.filter((update) => 'value' in update);
      expectTrue(reports.length >= 1 && reports.length <= AT_MOST, `${what} is heard at least once and at most ${AT_MOST} times`, reports.length);
      expectEqual(reports.at(-1)?.value, REPORTS - 1, `the last report of ${what} heard`);
    });
  },
});
