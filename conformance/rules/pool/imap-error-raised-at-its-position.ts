import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imap.error-raised-at-its-position',
  statement: "Pool.imap yields the results before a failing item, then raises that item's exception where its result would be.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: IMapIterator.next',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const outcome = await pool.imap('risky', [5, 2, 0, 1], 1);
      expectEqual(outcome.values, [20, 50], 'values imap(risky, [5, 2, 0, 1], chunksize=1) yielded before the error');
      expectEqual(
        outcome.error && { name: outcome.error.name, message: outcome.error.message },
        { name: 'ValueError', message: 'Cannot process zero!' },
        'error imap(risky, [5, 2, 0, 1], chunksize=1) raised',
      );
    });
  },
});
