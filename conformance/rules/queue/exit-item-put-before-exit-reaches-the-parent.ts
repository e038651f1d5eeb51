import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.exit.item-put-before-exit-reaches-the-parent',
  statement:
    'An item a child puts just before it exits (with any exit status) is delivered: the child does not end before the item is in the queue.',
  source: 'python-docs',
  // "a process that has put items in a queue will wait before terminating until all the buffered items are fed
  // by the feeder thread to the underlying pipe"
  python: 'library/multiprocessing.html#pipes-and-queues',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const item = { last: 'words', n: [1, 2, 3] };
    const child = await session.createProcess({ target: 'putThenExit', args: [queue, item, 3] });
    await child.start();
    // Join first: the item is small, so even Python's pipe holds it without a reader.
    await child.join(90_000);
    expectEqual(await child.exitCode(), 3, 'exitCode() of putThenExit(queue, item, 3)');
    expectEqual(await queue.get({ timeoutMs: 30_000 }), item, 'the item the child put just before sys.exit(3)');
  },
});
