import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.exit.item-put-before-kill-is-not-lost',
  statement:
    'Once put() has returned, the item is in the queue: a producer killed (SIGKILL) right afterwards does not take it with it.',
  source: 'beyond',
  cpython: {
    does: 'CPython\'s put() hands the item to a feeder thread, which SIGKILL stops before it writes to the pipe: the item is lost and get() raises Empty.',
    failure: /returned after the producer was killed: .*observed "Empty after 10 s"/,
  },
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session) {
    const queue = await session.createQueue!();
    const item = { put: 'before SIGKILL' };
    const child = await session.createProcess({ target: 'putThenKill', args: [queue, item] });
    await child.start();
    await child.join(90_000);
    expectEqual(await child.exitCode(), -9, 'exitCode() of putThenKill (SIGKILL after its put returned)');
    // CPython's put() only hands the item to a feeder thread, which SIGKILL stops before it writes to the pipe.
    expectEqual(await queue.get({ timeoutMs: 10_000 }).catch((error: Error) => `${error.name} after 10 s`), item,
      'what get({timeoutMs: 10000}) returned after the producer was killed');
  },
});
