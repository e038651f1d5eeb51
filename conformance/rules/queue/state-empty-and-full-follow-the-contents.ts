import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.state.empty-and-full-follow-the-contents',
  statement: 'empty() is True only while the queue holds no item and full() is True only while a bounded queue holds maxsize items.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.empty',
  needs: ['queue', 'queue.bounded'],
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 2 });
    expectEqual([await queue.empty(), await queue.full()], [true, false], '[empty(), full()] of a new Queue(maxsize=2)');
    await queue.put('a');
    // CPython's empty() polls the pipe, which a feeder thread fills just after put() returns: give it a moment.
    expectEqual(await eventually(() => queue.empty(), (empty) => !empty, 5000), false, 'empty() after one put (within 5 s)');
    expectEqual(await queue.full(), false, 'full() holding 1 of 2');
    await queue.put('b');
    expectEqual(await queue.full(), true, 'full() holding 2 of 2');
    expectEqual(await queue.empty(), false, 'empty() holding 2 of 2');
    await queue.get({ timeoutMs: 10_000 });
    expectEqual(await queue.full(), false, 'full() after one get');
    await queue.get({ timeoutMs: 10_000 });
    expectEqual([await queue.empty(), await queue.full()], [true, false], '[empty(), full()] after getting both items');

    const unbounded = await session.createQueue!();
    for (let i = 0; i < 50; i++) await unbounded.put(i);
    expectEqual(await unbounded.full(), false, 'full() of an unbounded queue holding 50 items');
  },
});
