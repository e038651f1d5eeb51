import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';

const TIMEOUT_MS = 60_000;
/** A child starts and puts within this, however loaded the machine: far below the timeout. */
const ARRIVES_WITHIN_MS = 20_000;

export default defineRule({
  id: 'queue.get.timeout-returns-as-soon-as-an-item-arrives',
  statement:
    'get(timeout=t) on an empty queue returns the item another process puts meanwhile as soon as it arrives, not at the end of t.',
  source: 'python-docs',
  // get(): "If timeout is a positive number, it blocks at most timeout seconds".
  python: 'library/multiprocessing.html#multiprocessing.Queue.get',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const producer = await session.createProcess({ target: 'putItems', args: [queue, [{ late: true }]] });
    await producer.start();
    const started = performance.now();
    const getting = queue.get({ timeoutMs: TIMEOUT_MS }).catch((error: Error) => `${error.name} after ${Math.round(performance.now() - started)} ms`);
    // Not waited out: a get still pending at the bound has failed the claim (the session's end settles it).
    const returned = await settlesWithin(getting, ARRIVES_WITHIN_MS);
    expectTrue(returned, `get({timeoutMs: ${TIMEOUT_MS}}) returned within ${ARRIVES_WITHIN_MS / 1000} s while a child started and put {late: true}`, 'still waiting');
    expectEqual(await getting, { late: true }, `what get({timeoutMs: ${TIMEOUT_MS}}) returned`);
    await producer.join(30_000);
  },
});
