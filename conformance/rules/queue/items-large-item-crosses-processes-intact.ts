import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** Far more than a pipe's buffer (64 KiB on Linux) or any one read: the item crosses in many pieces. */
const SIZE = 4 * 1024 * 1024;

const describe = (item: unknown) => (typeof item === 'string' ? `a string of ${item.length} characters` : typeof item);

export default defineRule({
  id: 'queue.items.large-item-crosses-processes-intact',
  statement:
    'A large item (a 4 MB string) crosses processes on a queue whole and unchanged, from a child to the parent and from ' +
    'the parent to a child, when the consumer gets it before the producer is joined.',
  source: 'python-docs',
  // "When an object is put on a queue, the object is pickled and a background thread later flushes the pickled
  // data to an underlying pipe": the item is one message however many writes it takes.
  python: 'library/multiprocessing.html#pipes-and-queues',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const producer = await session.createProcess({ target: 'putLarge', args: [queue, SIZE] });
    await producer.start();
    // Got before joining the producer, as Python's guidelines ask (a process with buffered items does not end).
    const fromChild = await queue.get({ timeoutMs: 60_000 });
    await producer.join(60_000);
    expectTrue(typeof fromChild === 'string' && fromChild.length === SIZE && /^x*$/.test(fromChild),
      'the item a child put with putLarge(queue, 4 MB) is the whole string of "x"', describe(fromChild));

    const item = `${'y'.repeat(SIZE / 2)}${'z'.repeat(SIZE / 2)}`;
    const path = join(context.tmpdir, 'got.json');
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 1, 60_000] });
    await consumer.start();
    await queue.put(item);
    await consumer.join(90_000);
    const got = await readJsonWritten<unknown[]>(path, 30_000);
    expectTrue(Array.isArray(got) && got.length === 1, 'the child got one item', Array.isArray(got) ? `${got.length} items` : got);
    expectEqual(describe(got[0]), describe(item), 'the size of the item the child got from the parent');
    expectTrue(got[0] === item, 'the 4 MB item the child got is the parent\'s ("y" × 2 MB then "z" × 2 MB)', describe(got[0]));
  },
});
