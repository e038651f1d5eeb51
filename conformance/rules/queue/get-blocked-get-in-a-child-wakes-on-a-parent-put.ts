import { join } from 'node:path';
import { eventually, expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** The child's get would give up only after this: long past the bound of the claim below. */
const CHILD_GET_TIMEOUT_MS = 90_000;
/** "Soon": the woken child has got the item, written it and exited within this of the put. */
const WOKEN_WITHIN_MS = 15_000;

export default defineRule({
  id: 'queue.get.blocked-get-in-a-child-wakes-on-a-parent-put',
  statement:
    'A child blocked in get() on an empty queue is woken by a put() in the parent: it returns that item within seconds, not at its timeout.',
  source: 'python-docs',
  // get(): "block if necessary until an item is available".
  python: 'library/multiprocessing.html#multiprocessing.Queue.get',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    const child = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 1, CHILD_GET_TIMEOUT_MS] });
    await child.start();
    // The child is running (and soon waiting in get): a second is enough on a calm machine, and on a busy one the
    // put merely comes before the get, which the claim allows too.
    expectEqual(await eventually(() => child.isAlive(), (alive) => alive, 10_000), true, 'isAlive() of the consumer after start()');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await queue.put({ wake: 'up' });
    const put = performance.now();
    await child.join(WOKEN_WITHIN_MS);
    const waited = Math.round(performance.now() - put);
    expectEqual(await child.exitCode(), 0, `exitCode() of the consumer ${WOKEN_WITHIN_MS / 1000} s after the put`);
    expectEqual(await readJsonWritten(path, 5000), [{ wake: 'up' }], 'what the consumer got');
    expectTrue(waited < WOKEN_WITHIN_MS, 'the consumer returned from get() and exited within 15 s of the put', `${waited} ms`);
  },
});
