import { expectError, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** How late after its timeout a get may raise and still have waited "about" the timeout. */
const SLACK_MS = 3000;

export default defineRule({
  id: 'queue.get.timeout-raises-empty',
  statement: 'get(timeout=t) on a queue that stays empty waits about t seconds, then raises queue.Empty.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Queue.get',
  needs: ['queue'],
  timeoutMs: 60_000,
  async check(session) {
    const queue = await session.createQueue!();
    for (const options of [{ timeoutMs: 600 }, { block: true, timeoutMs: 600 }]) {
      const what = `get(${JSON.stringify(options)}) on an empty queue`;
      const started = performance.now();
      const error = await expectRejects(() => queue.get(options), /.*/, what);
      const waited = Math.round(performance.now() - started);
      expectError(error, { name: 'Empty' }, `the error ${what} raised`);
      // Not before the timeout (a little timer slack allowed); and "about" the timeout: seconds of slack for a
      // loaded machine, not a multiple of it (a get that looks every few seconds raises seconds late).
      expectTrue(waited >= 550, `${what} waited at least the timeout`, `${waited} ms`);
      expectTrue(waited < 600 + SLACK_MS, `${what} raised within ${SLACK_MS} ms after the timeout`, `${waited} ms`);
    }
  },
});
