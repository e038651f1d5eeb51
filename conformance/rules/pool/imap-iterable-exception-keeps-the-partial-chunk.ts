import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const items = Array.from({ length: 20 }, (_, i) => i);

export default defineRule({
  id: 'pool.imap.iterable-exception-keeps-the-partial-chunk',
  statement:
    'With chunksize 2, when the input iterator raises after 7 items, imap still runs every item it read: it yields all 7 results, the last one from the partial chunk, and then raises the input\'s exception.',
  source: 'beyond',
  cpython: {
    does: 'CPython drops the items of the chunk being read when the input failed: it yields 6 results, then raises.',
    failure: /values of imap\(square, an iterator that raises after 0\.\.6, chunksize=2\): expected [^]*36[^]*, observed \[ 0, 1, 4, 9, 16, 25 \]/,
  },
  needs: ['pool', 'pool.imap', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const outcome = await pool.withInput!('imap', 'square', { failingAfter: 7, items }, 2);
      expectEqual(outcome.values, [0, 1, 4, 9, 16, 25, 36], 'values of imap(square, an iterator that raises after 0..6, chunksize=2)');
      expectEqual(outcome.error, { name: 'ValueError', message: 'input failed after 7 items' }, 'what imap raised then');
    });
  },
});
