import { expectEqual } from '../../harness/expect.js';
import type { IterationOutcome } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

function expectOutcome(outcome: IterationOutcome, values: unknown[], what: string): void {
  expectEqual(outcome.error, undefined, `error of ${what}`);
  expectEqual(outcome.values, values, what);
}

export default defineRule({
  id: 'pool.imap.yields-in-order',
  statement: 'Pool.imap yields one result per item, in input order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.imap',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 3 }, async (pool) => {
      const range = Array.from({ length: 30 }, (_, i) => i);
      expectOutcome(await pool.imap('square', range), range.map((i) => i * i), 'imap(square, range(30))');
      expectOutcome(await pool.imap('slowSquare', [1, 2, 3, 4, 5, 6]), [1, 4, 9, 16, 25, 36], 'imap(slowSquare, [1…6])');
    });
  },
});
