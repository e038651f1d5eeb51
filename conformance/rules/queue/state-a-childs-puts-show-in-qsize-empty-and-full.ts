import { join } from 'node:path';
import { eventually, expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.state.a-childs-puts-show-in-qsize-empty-and-full',
  statement:
    'qsize(), empty() and full() in the parent count the items a child put (soon after its puts), and a child asking ' +
    'qsize() afterwards sees the items the parent got: the three describe the one queue every process shares.',
  source: 'python-docs',
  // qsize/empty/full are "not reliable" while others use the queue: the rule reads them once the puts are done.
  python: 'library/multiprocessing.html#multiprocessing.Queue.qsize',
  needs: ['process', 'queue', 'queue.bounded', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!({ maxsize: 3 });
    expectEqual([await queue.qsize(), await queue.empty(), await queue.full()], [0, true, false], '[qsize(), empty(), full()] of a new Queue(maxsize=3)');
    const producer = await session.createProcess({ target: 'putItems', args: [queue, ['a', 'b', 'c']] });
    await producer.start();
    await producer.join(60_000);
    expectEqual(await producer.exitCode(), 0, 'exitCode() of the child that put "a", "b", "c"');
    // CPython's empty() polls the pipe, which the child's feeder thread filled before the child exited: a few
    // seconds of grace for the other two all the same.
    expectEqual(await eventually(() => queue.qsize(), (n) => n === 3, 5000), 3, 'qsize() in the parent after a child put 3 items (within 5 s)');
    expectEqual(await eventually(() => queue.full(), (full) => full, 5000), true, 'full() in the parent after a child filled Queue(maxsize=3)');
    expectEqual(await eventually(() => queue.empty(), (empty) => !empty, 5000), false, 'empty() in the parent after a child put 3 items');

    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'a', 'get() in the parent');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'b', 'a second get() in the parent');
    expectEqual([await queue.qsize(), await queue.full()], [1, false], '[qsize(), full()] in the parent after its 2 gets');
    const path = join(context.tmpdir, 'size.json');
    const asker = await session.createProcess({ target: 'queueSize', args: [queue, path] });
    await asker.start();
    await asker.join(60_000);
    expectEqual(await readJsonWritten(path, 10_000), 1, 'qsize() in another child after the parent got 2 of the 3');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'c', 'the last item');
    expectEqual([await queue.qsize(), await queue.empty(), await queue.full()], [0, true, false], '[qsize(), empty(), full()] once every item is got');
  },
});
