import { expectEqual, expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.put.nowait-on-full-raises-full',
  statement:
    'On a full bounded queue, put_nowait() and put(block=False) raise queue.Full at once and the item is not added.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.put',
  needs: ['queue', 'queue.bounded'],
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 2 });
    await queue.put('a');
    await queue.put('b');
    const calls: [string, () => Promise<unknown>][] = [
      ['putNowait("c")', () => queue.putNowait('c')],
      ['put("c", {block: false})', () => queue.put('c', { block: false })],
      ['put("c", {block: false, timeoutMs: 5000})', () => queue.put('c', { block: false, timeoutMs: 5000 })],
    ];
    for (const [what, call] of calls) {
      const started = performance.now();
      const error = await expectRejects(call, /.*/, `${what} on a full Queue(maxsize=2)`);
      const waited = Math.round(performance.now() - started);
      expectError(error, { name: 'Full' }, `the error ${what} raised on a full queue`);
      expectTrue(waited < 2500, `${what} on a full queue raised within 2.5 s (it must not wait)`, `${waited} ms`);
    }
    expectEqual(await queue.qsize(), 2, 'qsize() after the refused puts');
    const got = [await queue.get({ timeoutMs: 10_000 }), await queue.get({ timeoutMs: 10_000 })];
    expectEqual(got, ['a', 'b'], 'the two items got afterwards');
    const error = await expectRejects(() => queue.get({ timeoutMs: 500 }), /.*/, 'a third get({timeoutMs: 500}): "c" must not be there');
    expectError(error, { name: 'Empty' }, 'the error the third get raised');
  },
});
