import { isDeepStrictEqual } from 'node:util';
import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** 20 items of 10,000 characters: each fits a pipe, together they are three times what a Linux pipe holds (64 KB). */
const COUNT = 20;
const SIZE = 10_000;
const ITEMS = Array.from({ length: COUNT }, (_, i) => `${i}:`.padEnd(SIZE, 'x'));

export default defineRule({
  id: 'queue.join.putter-waits-until-its-items-are-taken',
  statement:
    'A child that put more on a queue than its pipe holds (20 items of 10,000 characters) does not end before the items are taken: join() with a timeout returns while it is still alive, and it ends once the parent has got every item.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#all-start-methods (Joining processes that use queues: "a process that has put items in a queue will wait before terminating until all the buffered items are fed by the feeder thread to the underlying pipe")',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const child = await session.createProcess({ target: 'putMany', args: [queue, COUNT, SIZE] });
    await child.start();
    // Every put has returned once qsize() counts them all, so what follows waits on the child's exit alone.
    expectEqual(await eventually(() => queue.qsize(), (n) => n >= ITEMS.length, 60_000), ITEMS.length, 'qsize() once the child has put its items (waited up to 60 s)');
    await child.join(2_000);
    expectEqual(await child.isAlive(), true, 'isAlive() of the child after join(2000), before any get');
    expectEqual(await child.exitCode(), null, 'exitCode() of the child after join(2000), before any get');
    const got: unknown[] = [];
    for (let i = 0; i < ITEMS.length; i++) got.push(await queue.get({ timeoutMs: 30_000 }));
    expectTrue(isDeepStrictEqual(got, ITEMS), 'the parent got the 20 items in order', got.map((item) => String(item).slice(0, 8)));
    await child.join(30_000);
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child once every item was taken (join(30000))');
  },
});
