import { expectEqual } from '../../harness/expect.js';
import type { IterationOutcome } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

function expectOutcome(outcome: IterationOutcome, values: unknown[], what: string): void {
  expectEqual(outcome.error, undefined, `error of ${what}`);
  expectEqual(outcome.values, values, what);
}

export default defineRule({
  id: 'pool.imap.chunksize-keeps-order',
  statement: 'Pool.imap with a chunksize above 1 still yields every result once, in input order, the last chunk shorter.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.imap',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 3 }, async (pool) => {
      const range = Array.from({ length: 25 }, (_, i) => i);
      expectOutcome(await pool.imap('square', range, 4), range.map((i) => i * i), 'imap(square, range(25), chunksize=4)');
      expectOutcome(await pool.imap('slowSquare', [1, 2, 3, 4, 5], 2), [1, 4, 9, 16, 25], 'imap(slowSquare, [1…5], chunksize=2)');
    });
  },
});
