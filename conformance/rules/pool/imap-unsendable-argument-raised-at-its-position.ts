import { RuleFailure, expectEqual, expectTrue } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imap.unsendable-argument-raised-at-its-position',
  statement:
    'An item that cannot be sent to a worker makes the imap iterator raise at that item\'s position (chunksize 1); the items before and after it still give their results.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._handle_tasks sets that item\'s error when its task cannot be put',
  needs: ['pool', 'pool.imap', 'pool.imap.next', 'pool.unsendable'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const iterator = await pool.imapIterator!('square', [2, UNSENDABLE, 3], 1);
      const seen: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        try {
          const step = await iterator.next(20_000);
          if (step.done) break;
          seen.push(step.value);
        } catch (error) {
          expectTrue(error instanceof Error && error.name !== 'TimeoutError', 'what next() raised is an Error, not a TimeoutError', error);
          seen.push('error');
        }
        if (i === 5) throw new RuleFailure('imap(square, [2, <unsendable>, 3])', 'the end within 5 steps', seen);
      }
      expectEqual(seen, [4, 'error', 9], 'steps of imap(square, [2, <unsendable>, 3])');
    });
  },
});
