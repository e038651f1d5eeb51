import { expectError, expectRejects } from '../../harness/expect.js';
import { VALUE_ERROR_FOR_ARGUMENT } from '../../harness/error-classes.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imap.chunksize-below-one-fails',
  statement: 'imap and imap_unordered with a chunksize below 1 raise ValueError "Chunksize must be 1+".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.imap',
  needs: ['pool', 'pool.imap'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      expectError(await expectRejects(() => pool.imap('square', [1, 2, 3], 0), /Chunksize must be 1\+/, 'imap(square, [1, 2, 3], chunksize=0)'), { name: VALUE_ERROR_FOR_ARGUMENT }, 'imap(square, [1, 2, 3], chunksize=0)');
      expectError(await expectRejects(() => pool.imap('square', [1, 2, 3], -2), /Chunksize must be 1\+/, 'imap(square, [1, 2, 3], chunksize=-2)'), { name: VALUE_ERROR_FOR_ARGUMENT }, 'imap(square, [1, 2, 3], chunksize=-2)');
      expectError(await expectRejects(() => pool.imapUnordered('square', [1, 2, 3], 0), /Chunksize must be 1\+/, 'imapUnordered(square, [1, 2, 3], chunksize=0)'), { name: VALUE_ERROR_FOR_ARGUMENT }, 'imapUnordered(square, [1, 2, 3], chunksize=0)');
    });
  },
});
