import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const items = Array.from({ length: 20 }, (_, i) => i);

export default defineRule({
  id: 'pool.imap.iterable-exception-drops-the-partial-chunk',
  statement:
    'With chunksize 2, when the input iterator raises after 7 items, imap yields the results of the 3 whole chunks (6 items) and then raises: the item of the chunk being read when the input failed is dropped.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._get_tasks inside _guarded_task_generation (test_imap_handle_iterable_exception)',
  needs: ['pool', 'pool.imap', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const outcome = await pool.withInput!('imap', 'square', { failingAfter: 7, items }, 2);
      expectEqual(outcome.values, [0, 1, 4, 9, 16, 25], 'values of imap(square, an iterator that raises after 0..6, chunksize=2)');
      expectEqual(outcome.error, { name: 'ValueError', message: 'input failed after 7 items' }, 'what imap raised then');
    });
  },
});
