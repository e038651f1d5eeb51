import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const SIZE = 10 * 1024 * 1024;

export default defineRule({
  id: 'queue.join.large-item-does-not-deadlock',
  statement:
    'A child that put a 10 MB item ends and can be joined before anyone gets the item, which is still there afterwards (Python documents a deadlock here).',
  source: 'beyond',
  cpython: {
    does: 'CPython\'s child waits at exit until its feeder thread has written the 10 MB item into a pipe nobody reads: join() does not return (the deadlock its documentation warns of).',
    failure: /isAlive\(\) of the child 15 s after its put, joined before any get: expected false, observed true/,
  },
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const child = await session.createProcess({ target: 'putLarge', args: [queue, SIZE] });
    await child.start();
    // Wait until the child has put (qsize counts it: at once in CPython, once the owner holds it in the reference),
    // so the bound below measures the child's exit, not its start on a loaded machine.
    const size = await eventually(() => queue.qsize(), (n) => n >= 1, 90_000);
    expectEqual(size, 1, 'qsize() once the child has put its item (waited up to 90 s)');
    await child.join(15_000);
    expectEqual(await child.isAlive(), false, 'isAlive() of the child 15 s after its put, joined before any get');
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child');
    const item = await queue.get({ timeoutMs: 30_000 });
    expectTrue(typeof item === 'string' && item.length === SIZE && /^x*$/.test(item), 'the item is the 10 MB string of "x"',
      typeof item === 'string' ? `a string of ${item.length} characters` : typeof item);
  },
});
