import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.close.items-put-before-close-still-arrive',
  statement:
    'close() only ends the closing process\'s use of the queue: the items it put before closing still reach a consumer ' +
    'in another process, which goes on using the queue.',
  source: 'python-docs',
  // close(): "no more data will be put on this queue by the current process. The background thread will quit
  // once it has flushed all buffered data to the pipe."
  python: 'library/multiprocessing.html#multiprocessing.Queue.close',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    // Started before close(): a process created afterwards could not be given a queue its creator closed.
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 3, 60_000] });
    await consumer.start();
    for (const item of ['one', 'two', 'three']) await queue.put(item);
    await queue.close();
    await consumer.join(90_000);
    expectEqual(await readJsonWritten(path, 10_000), ['one', 'two', 'three'], 'what a child got after the parent put 3 items and closed the queue');
    expectEqual(await consumer.exitCode(), 0, 'exitCode() of the consumer');
  },
});
