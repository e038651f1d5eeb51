import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.maxsize.bounds-the-queue',
  statement:
    'A Queue(maxsize=n) holds at most n items and takes one more once an item is got; with maxsize 0 or less it is unbounded.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue',
  needs: ['queue', 'queue.bounded'],
  timeoutMs: 60_000,
  async check(session) {
    const bounded = await session.createQueue!({ maxsize: 3 });
    for (const item of ['a', 'b', 'c']) await bounded.putNowait(item);
    const error = await expectRejects(() => bounded.putNowait('d'), /.*/, 'a fourth putNowait on Queue(maxsize=3)');
    expectError(error, { name: 'Full' }, 'the error the fourth putNowait raised');
    expectEqual(await bounded.qsize(), 3, 'qsize() of the full Queue(maxsize=3)');
    expectEqual(await bounded.get({ timeoutMs: 10_000 }), 'a', 'get() from the full queue');
    await bounded.putNowait('d');
    expectEqual(await bounded.qsize(), 3, 'qsize() after one get and one more putNowait');
    const rest = [];
    for (let i = 0; i < 3; i++) rest.push(await bounded.get({ timeoutMs: 10_000 }));
    expectEqual(rest, ['b', 'c', 'd'], 'the items got afterwards');

    for (const maxsize of [0, -1]) {
      const unbounded = await session.createQueue!({ maxsize });
      for (let i = 0; i < 200; i++) await unbounded.putNowait(i);
      expectEqual(await unbounded.qsize(), 200, `qsize() of Queue(maxsize=${maxsize}) after 200 putNowait`);
      expectEqual(await unbounded.full(), false, `full() of Queue(maxsize=${maxsize}) after 200 putNowait`);
    }
  },
});
