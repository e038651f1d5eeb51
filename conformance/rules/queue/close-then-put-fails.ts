import { VALUE_ERROR_FOR_CLOSED } from '../../harness/error-classes.js';
import { expectEqual, expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.close.then-put-fails',
  statement:
    'Once a process closed a queue, its put() and get() on it raise ValueError ("Queue … is closed"), and close() may be called again.',
  source: 'python-docs',
  // close(): "no more data will be put on this queue by the current process"; the ValueError is Queue.put/get's.
  python: 'library/multiprocessing.html#multiprocessing.Queue.close',
  needs: ['queue'],
  async check(session) {
    const queue = await session.createQueue!();
    await queue.put('before');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'before', 'get() before close()');
    await queue.close();
    // Python's ValueError ("Queue … is closed"), or the implementation's own …ClosedError: a real Error either way.
    const refused = async (call: () => Promise<unknown>, what: string) =>
      expectError(await expectRejects(call, /is closed/, what), { name: VALUE_ERROR_FOR_CLOSED }, what);
    await refused(() => queue.put('after'), 'put() after close()');
    await refused(() => queue.putNowait('after'), 'putNowait() after close()');
    await refused(() => queue.put('after', { timeoutMs: 1000 }), 'put({timeoutMs: 1000}) after close()');
    await refused(() => queue.get({ timeoutMs: 1000 }), 'get({timeoutMs: 1000}) after close()');
    await refused(() => queue.getNowait(), 'getNowait() after close()');
    await queue.close();
    await refused(() => queue.put('again'), 'put() after a second close()');
  },
});
