import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.qsize.seen-from-another-process',
  statement: 'A child that asks qsize() of a queue passed to it sees the items the parent put and has not got: one queue, not a copy.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.qsize',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    for (const item of ['a', 'b', 'c']) await queue.put(item);
    const first = join(context.tmpdir, 'first.json');
    const p1 = await session.createProcess({ target: 'queueSize', args: [queue, first] });
    await p1.start();
    await p1.join(60_000);
    expectEqual(await readJsonWritten(first, 10_000), 3, 'qsize() in a child after the parent put 3 items');

    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'a', 'get() in the parent');
    const second = join(context.tmpdir, 'second.json');
    const p2 = await session.createProcess({ target: 'queueSize', args: [queue, second] });
    await p2.start();
    await p2.join(60_000);
    expectEqual(await readJsonWritten(second, 10_000), 2, 'qsize() in a second child after the parent got one of the 3');
  },
});
