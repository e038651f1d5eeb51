import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const failing = { failingAfter: 3, items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };

export default defineRule({
  id: 'pool.imap.iterable-exception-after-the-read-items',
  statement:
    'With chunksize 1, when the input iterator raises after n items (0 included), imap yields the results of those n items in order and then raises its exception (ValueError here); imap_unordered yields the same results in some order and raises it once among them.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._guarded_task_generation',
  needs: ['pool', 'pool.imap', 'pool.input', 'pool.imap.next'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      for (const attempt of ['', ' again']) {
        const first = await pool.withInput!('imap', 'square', { failingAfter: 0, items: [1] }, 1);
        expectEqual(first, { values: [], error: { name: 'ValueError', message: 'input failed after 0 items' } }, `imap(square, an iterator that raises at once)${attempt}`);
      }
      const ordered = await pool.withInput!('imap', 'square', failing, 1);
      expectEqual(ordered.values, [1, 4, 9], 'values of imap(square, an iterator that raises after 1, 2, 3)');
      expectEqual(ordered.error, { name: 'ValueError', message: 'input failed after 3 items' }, 'what imap raised then');
      // Unordered, the error may come before a result: step through to the end.
      const iterator = await pool.imapIterator!('square', failing, 1, { ordered: false });
      const values: unknown[] = [];
      const errors: string[] = [];
      for (let i = 0; i < 10; i++) {
        try {
          const step = await iterator.next(20_000);
          if (step.done) break;
          values.push(step.value);
        } catch (error) {
          expectTrue(error instanceof Error, 'what imap_unordered raised is an Error', error);
          errors.push(`${(error as Error).name}: ${(error as Error).message}`);
        }
      }
      const sorted = [...values].sort((a, b) => Number(a) - Number(b));
      expectEqual(sorted, [1, 4, 9], 'values of imap_unordered(square, an iterator that raises after 1, 2, 3), sorted');
      expectEqual(errors, ['ValueError: input failed after 3 items'], 'what imap_unordered raised among them');
    });
  },
});
