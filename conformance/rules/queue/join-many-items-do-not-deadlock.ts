import { isDeepStrictEqual } from 'node:util';
import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** 20 items of 10,000 characters: each fits a pipe, together they are three times what a Linux pipe holds (64 KB). */
const COUNT = 20;
const SIZE = 10_000;
const ITEMS = Array.from({ length: COUNT }, (_, i) => `${i}:`.padEnd(SIZE, 'x'));

export default defineRule({
  id: 'queue.join.many-items-do-not-deadlock',
  statement:
    'A child that put more on a queue than a pipe holds (20 items of 10,000 characters) ends and can be joined before anyone gets them, and every item is still there afterwards, in order (Python documents a deadlock here).',
  source: 'beyond',
  needs: ['process', 'queue', 'queue.cross-process'],
  cpython: {
    does: "The child cannot end until its feeder thread has written every item to the pipe, and the full pipe blocks it until someone gets them: join() before get() waits (the deadlock of the programming guidelines' \"Joining processes that use queues\").",
    failure: /isAlive\(\) of the child 15 s after its puts.*expected false, observed true/,
  },
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const child = await session.createProcess({ target: 'putMany', args: [queue, COUNT, SIZE] });
    await child.start();
    expectEqual(await eventually(() => queue.qsize(), (n) => n >= ITEMS.length, 60_000), ITEMS.length, 'qsize() once the child has put its items (waited up to 60 s)');
    await child.join(15_000);
    expectEqual(await child.isAlive(), false, 'isAlive() of the child 15 s after its puts, joined before any get');
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child');
    const got: unknown[] = [];
    for (let i = 0; i < ITEMS.length; i++) got.push(await queue.get({ timeoutMs: 30_000 }));
    expectTrue(isDeepStrictEqual(got, ITEMS), 'the parent got the 20 items afterwards, in order', got.map((item) => String(item).slice(0, 8)));
  },
});
