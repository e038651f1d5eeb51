import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.imap.chunksize-below-one-fails',
  statement: 'imap and imap_unordered with a chunksize below 1 raise ValueError "Chunksize must be 1+".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.imap',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      await expectRejects(() => pool.imap('square', [1, 2, 3], 0), /Chunksize must be 1\+/, 'imap(square, [1, 2, 3], chunksize=0)');
      await expectRejects(() => pool.imap('square', [1, 2, 3], -2), /Chunksize must be 1\+/, 'imap(square, [1, 2, 3], chunksize=-2)');
      await expectRejects(() => pool.imapUnordered('square', [1, 2, 3], 0), /Chunksize must be 1\+/, 'imapUnordered(square, [1, 2, 3], chunksize=0)');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
