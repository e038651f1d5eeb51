import { expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.get.nowait-on-empty-raises-empty',
  statement:
    'On an empty queue, get_nowait() and get(block=False) raise queue.Empty at once; without blocking the timeout is ignored.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.get',
  needs: ['queue'],
  async check(session) {
    const queue = await session.createQueue!();
    const calls: [string, () => Promise<unknown>][] = [
      ['getNowait()', () => queue.getNowait()],
      ['get({block: false})', () => queue.get({ block: false })],
      ['get({block: false, timeoutMs: 5000})', () => queue.get({ block: false, timeoutMs: 5000 })],
    ];
    for (const [what, call] of calls) {
      const started = performance.now();
      const error = await expectRejects(call, /.*/, `${what} on an empty queue`);
      const waited = Math.round(performance.now() - started);
      expectError(error, { name: 'Empty' }, `the error ${what} raised on an empty queue`);
      expectTrue(waited < 2500, `${what} on an empty queue raised within 2.5 s (it must not wait)`, `${waited} ms`);
    }
  },
});
