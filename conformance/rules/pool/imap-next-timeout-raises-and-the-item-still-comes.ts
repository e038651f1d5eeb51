import { RuleFailure, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imap.next-timeout-raises-and-the-item-still-comes',
  statement:
    "The imap iterator's next(timeout) raises multiprocessing.TimeoutError when no result came in time (at once, not when the result comes), and the work goes on: the next call still gets that result, then the following ones.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.Pool.imap',
  needs: ['pool', 'pool.imap', 'pool.imap.next'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('square', [1]); // the worker is up
      // slowSquare sleeps 300 ms per item, so no result can be there 50 ms after the call.
      const iterator = await pool.imapIterator!('slowSquare', [3, 4], 1);
      const started = performance.now();
      let error: unknown;
      try {
        const step = await iterator.next(50);
        throw new RuleFailure('next(50) on imap(slowSquare, [3, 4]) right after the call', 'TimeoutError', step);
      } catch (thrown) {
        if (thrown instanceof RuleFailure) throw thrown;
        error = thrown;
      }
      const took = performance.now() - started;
      expectTrue(error instanceof Error && error.name === 'TimeoutError', 'next(50) raised a TimeoutError', error instanceof Error ? error.name : error);
      expectTrue(took < 250, 'next(50) raised before the first result could come (300 ms)', `${Math.round(took)} ms`);
      expectEqual(await iterator.next(20_000), { done: false, value: 9 }, 'next(20000) after the timeout');
      expectEqual(await iterator.next(20_000), { done: false, value: 16 }, 'the next next(20000)');
      expectEqual(await iterator.next(20_000), { done: true }, 'next(20000) at the end (StopIteration)');
    });
  },
});
