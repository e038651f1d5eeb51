import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imapunordered.yields-each-result-once',
  statement: 'Pool.imap_unordered yields every result exactly once, in some order.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.imap_unordered',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 3 }, async (pool) => {
      const range = Array.from({ length: 30 }, (_, i) => i);
      const expected = range.map((i) => i * i);
      const byNumber = (a: unknown, b: unknown) => (a as number) - (b as number);
      for (const chunksize of [1, 4]) {
        const outcome = await pool.imapUnordered('square', range, chunksize);
        expectEqual(outcome.error, undefined, `error of imapUnordered(square, range(30), chunksize=${chunksize})`);
        expectEqual([...outcome.values].sort(byNumber), expected, `imapUnordered(square, range(30), chunksize=${chunksize}), sorted`);
      }
    });
  },
});
