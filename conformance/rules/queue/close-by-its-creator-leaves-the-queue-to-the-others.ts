import { join } from 'node:path';
import { eventually, expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The consumer's gets give up only after this: far longer than a put takes to arrive. */
const CONSUMER_GET_TIMEOUT_MS = 60_000;

export default defineRule({
  id: 'queue.close.by-its-creator-leaves-the-queue-to-the-others',
  statement:
    'close() in the process that created a queue ends only that process\'s use of it: a get() waiting in a child goes on ' +
    'waiting, and receives the item a pool worker that was given the queue before the close puts after it.',
  source: 'python-docs',
  // close(): "Indicate that no more data will be put on this queue by the current process." The others are not
  // concerned: their ends of the queue stay open.
  python: 'library/multiprocessing.html#multiprocessing.Queue.close',
  needs: ['process', 'pool', 'pool.initializer', 'queue', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 2, CONSUMER_GET_TIMEOUT_MS] });
    await consumer.start();
    // The consumer proves it uses the queue by taking a first item; its second get then waits.
    await queue.put('first');
    expectEqual(await eventually(() => queue.qsize(), (n) => n === 0, 30_000), 0, 'qsize() once the child took "first" (within 30 s)');
    await withPool(session, { processes: 1, initializer: 'rememberQueue', initargs: [queue] }, async (pool) => {
      // A task has run, so the worker's initializer has: the worker holds the queue from before the close.
      await pool.apply('getPid', []);
      await queue.close();
      await pool.apply('putOnRemembered', ['after close']);
      // The worker ends normally, so its put is delivered before it exits: Python's put hands the item to a feeder
      // thread that a terminate() right after apply() could kill before it wrote (that is not what this rule is about).
      await pool.close();
      await pool.join();
    });
    await consumer.join(90_000);
    expectEqual(await readJsonWritten(path, 10_000), ['first', 'after close'],
      'what the waiting child got: "first", then the item a worker put after the parent closed the queue');
    expectEqual(await consumer.exitCode(), 0, 'exitCode() of the consumer');
  },
});
