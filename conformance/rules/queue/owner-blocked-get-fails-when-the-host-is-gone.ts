import { join } from 'node:path';
import { expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const GET_TIMEOUT_MS = 40_000;
/** How soon after its host ended a get waiting on the queue must fail. */
const SOON_MS = 5000;

export default defineRule({
  id: 'queue.owner.blocked-get-fails-when-the-host-is-gone',
  statement:
    'A get() waiting on a queue whose creating process has died fails with an error within seconds instead of waiting out its timeout.',
  source: 'beyond',
  cpython: {
    does: 'In CPython, a get() on a queue whose creating process has died waits out its whole timeout, then raises Empty.',
    failure: /its second get failed with an error other than Empty: expected \"true\", observed \{ error: 'Empty', items: \[ 'first' \] \}/,
  },
  needs: ['process', 'process.nested', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const path = join(context.tmpdir, 'got.json');
    // The child creates the queue, hands it to a grandchild that gets twice (the first item it puts, then
    // nothing), and ends abruptly once the grandchild waits in its second get.
    const host = await session.createProcess({ target: 'hostQueueThenExit', args: [path, GET_TIMEOUT_MS] });
    await host.start();
    await host.join(100_000);
    const gone = performance.now();
    const record = await readJsonWritten<unknown>(path, GET_TIMEOUT_MS + 10_000);
    const waited = Math.round(performance.now() - gone);
    const failed = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as { error?: string; items?: unknown[] }) : {};
    expectTrue(failed.error !== undefined && failed.error !== 'Empty' && JSON.stringify(failed.items) === '["first"]',
      'the grandchild got "first", then its second get failed with an error other than Empty', record);
    // "Within seconds": a few, for a loaded machine; not a share of the 40 s timeout.
    expectTrue(waited < SOON_MS, `the grandchild's get failed within ${SOON_MS} ms of the queue's host ending`, `${waited} ms`);
  },
});
