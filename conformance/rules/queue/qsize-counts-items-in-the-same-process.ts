import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.qsize.counts-items-in-the-same-process',
  statement:
    'qsize() is the number of items put and not yet got; Python calls it approximate, but with one process using the queue it is exact.',
  source: 'python-docs',
  // "Return the approximate size of the queue": CPython counts with a semaphore (NotImplementedError on macOS).
  python: 'library/multiprocessing.html#multiprocessing.Queue.qsize',
  needs: ['queue'],
  async check(session) {
    const queue = await session.createQueue!();
    expectEqual(await queue.qsize(), 0, 'qsize() of a new queue');
    for (let i = 1; i <= 5; i++) {
      await queue.put(i);
      expectEqual(await queue.qsize(), i, `qsize() after ${i} puts`);
    }
    await queue.get({ timeoutMs: 10_000 });
    await queue.get({ timeoutMs: 10_000 });
    expectEqual(await queue.qsize(), 3, 'qsize() after 5 puts and 2 gets');
    for (let i = 0; i < 3; i++) await queue.get({ timeoutMs: 10_000 });
    expectEqual(await queue.qsize(), 0, 'qsize() after getting every item');
  },
});
