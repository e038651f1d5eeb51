import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** "As soon as": how long after room was made the blocked put may take to return. */
const SOON_MS = 3000;

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
    // Blocks until the child's first get makes room (the timeout only keeps a broken implementation from hanging).
    // Meanwhile the rule watches qsize(): the moment it drops below 2 is the moment room was made, and "as soon as"
    // means the put is done seconds after it. (Where qsize() waits behind the put, the put is done first: no bound.)
    let done = false;
    const put = queue.put('c', { timeoutMs: 90_000 });
    void put.then(() => (done = true), () => (done = true)); // a rejection is awaited below, not left unhandled
    let roomAt: number | undefined;
    while (!done && roomAt === undefined) {
      if ((await queue.qsize()) < 2 && !done) roomAt = performance.now();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await put;
    if (roomAt !== undefined) {
      const late = Math.round(performance.now() - roomAt);
      expectTrue(late < SOON_MS, `the blocked put("c") returned within ${SOON_MS} ms of the child's get making room`, `${late} ms`);
    }
    await consumer.join(60_000);
    expectEqual(await readJsonWritten(path, 10_000), ['a', 'b', 'c'], 'what the child got (3 gets) from Queue(maxsize=2)');
  },
});
