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
      // The first item sleeps 3 s: no result can be there 50 ms after the call, and a timeout that waited for it
      // would come after 3 s, not within 2.
      const iterator = await pool.imapIterator!('sleepFor', [3000, 10, 20], 1);
      const started = performance.now();
      let error: unknown;
      try {
        const step = await iterator.next(50);
        throw new RuleFailure('next(50) on imap(sleepFor, [3000, 10, 20]) right after the call', 'TimeoutError', step);
      } catch (thrown) {
        if (thrown instanceof RuleFailure) throw thrown;
        error = thrown;
      }
      const took = performance.now() - started;
      expectTrue(error instanceof Error && error.name === 'TimeoutError', 'next(50) raised a TimeoutError', error instanceof Error ? error.name : error);
      expectTrue(took < 2000, 'next(50) raised within 2000 ms, long before the first result (3000 ms)', `${Math.round(took)} ms`);
      // sleepFor returns nothing (None, undefined): three results, then the end, show that the timed-out one was not lost.
      for (const position of ['first', 'second', 'third']) {
        const step = await iterator.next(20_000);
        expectEqual(step.done ? step : { done: false, value: step.value ?? null }, { done: false, value: null }, `next(20000) for the ${position} result after the timeout`);
      }
      expectEqual(await iterator.next(20_000), { done: true }, 'next(20000) at the end (StopIteration)');
    });
  },
});
