import { expectEqual, expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** How late after its timeout a put may raise and still have waited "about" the timeout. */
const SLACK_MS = 3000;

export default defineRule({
  id: 'queue.put.timeout-on-full-raises-full',
  statement: 'put(obj, timeout=t) on a bounded queue that stays full waits about t seconds, then raises queue.Full.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.put',
  needs: ['queue', 'queue.bounded'],
  timeoutMs: 60_000,
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 1 });
    await queue.put('first');
    const started = performance.now();
    const error = await expectRejects(() => queue.put('second', { timeoutMs: 600 }), /.*/, 'put("second", {timeoutMs: 600}) on a full Queue(maxsize=1)');
    const waited = Math.round(performance.now() - started);
    expectError(error, { name: 'Full' }, 'the error the put raised');
    expectTrue(waited >= 550, 'the put waited at least the timeout', `${waited} ms`);
    // "About" the timeout: seconds of slack for a loaded machine, not a multiple of it.
    expectTrue(waited < 600 + SLACK_MS, `the put raised within ${SLACK_MS} ms after the timeout`, `${waited} ms`);
    expectEqual(await queue.qsize(), 1, 'qsize() after the refused put');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'first', 'the item got afterwards');
  },
});
