import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.put.blocked-put-resumes-when-a-consumer-makes-room',
  statement:
    'A put() blocked on a full bounded queue completes as soon as a get() in another process makes room, and the item follows the others.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.put',
  needs: ['process', 'queue', 'queue.bounded', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!({ maxsize: 2 });
    await queue.put('a');
    await queue.put('b');
    const path = join(context.tmpdir, 'got.json');
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 3, 60_000] });
    await consumer.start();
    // Blocks until the child's first get makes room (the bound only keeps a broken implementation from hanging).
    await queue.put('c', { timeoutMs: 90_000 });
    await consumer.join(60_000);
    expectEqual(await readJsonWritten(path, 10_000), ['a', 'b', 'c'], 'what the child got (3 gets) from Queue(maxsize=2)');
  },
});
