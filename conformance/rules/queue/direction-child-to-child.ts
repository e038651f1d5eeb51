import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.direction.child-to-child',
  statement: 'Two children given the same queue talk through it: one gets, in order, what the other puts, without the parent relaying.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#exchanging-objects-between-processes',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    const items = Array.from({ length: 20 }, (_, i) => ({ from: 'producer', i }));
    // The consumer first, so that it waits in get() for the producer.
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, items.length, 60_000] });
    const producer = await session.createProcess({ target: 'putItems', args: [queue, items] });
    await consumer.start();
    await producer.start();
    await producer.join(90_000);
    await consumer.join(90_000);
    expectEqual(await readJsonWritten(path, 10_000), items, 'what the consumer child got from the producer child');
    expectEqual(await queue.qsize(), 0, 'qsize() in the parent afterwards');
  },
});
