import { RuleFailure, expectEqual, expectTrue } from '../../harness/expect.js';
import type { IMapIteratorHandle } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** Steps to the end: each value, or the name of what next() raised. */
async function steps(iterator: IMapIteratorHandle): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    try {
      const step = await iterator.next(20_000);
      if (step.done) return seen;
      seen.push(step.value);
    } catch (error) {
      expectTrue(error instanceof Error, 'what next() raised is an Error', error);
      seen.push(`${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  throw new RuleFailure('the imap iterator over 4 items', 'the end within 10 steps', seen);
}

export default defineRule({
  id: 'pool.imap.next-goes-on-after-a-failed-item',
  statement:
    "A failed item makes the imap iterator's next() raise the task's exception at that item's position; the following calls go on with the next items, and imap_unordered likewise yields every other result and raises once.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: IMapIterator.next',
  needs: ['pool', 'pool.imap', 'pool.imap.next'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const error = 'ValueError: Cannot process zero!';
      expectEqual(await steps(await pool.imapIterator!('risky', [5, 0, 2, 4], 1)), [20, error, 50, 25], 'steps of imap(risky, [5, 0, 2, 4])');
      const unordered = await steps(await pool.imapIterator!('risky', [5, 0, 2, 4], 1, { ordered: false }));
      const sorted = [...unordered].sort((a, b) => String(a).localeCompare(String(b)));
      expectEqual(sorted, [20, 25, 50, error].sort((a, b) => String(a).localeCompare(String(b))), 'steps of imap_unordered(risky, [5, 0, 2, 4]), sorted');
    });
  },
});
