import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imapunordered.one-worker-keeps-input-order',
  statement:
    'With only one worker process, imap_unordered yields the results in input order, even when the first items take longest.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.imap_unordered',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const items = [100_000, 60_000, 20_000, 10, 1, 0];
      const sums = items.map((n) => (n * (n - 1) * (2 * n - 1)) / 6);
      expectEqual(await pool.imapUnordered('cpuBound', items, 1), { values: sums }, 'imap_unordered(cpuBound, [100000, 60000, 20000, 10, 1, 0]) on one worker');
      expectEqual(await pool.imapUnordered('square', [1, 2, 3, 4, 5, 6, 7, 8], 3), { values: [1, 4, 9, 16, 25, 36, 49, 64] }, 'imap_unordered(square, 1..8, chunksize=3) on one worker');
    });
  },
});
