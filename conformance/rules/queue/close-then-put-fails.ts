import { expectEqual, expectRejects } from '../../harness/expect.js';
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
    const pattern = /is closed/;
    await expectRejects(() => queue.put('after'), pattern, 'put() after close()');
    await expectRejects(() => queue.putNowait('after'), pattern, 'putNowait() after close()');
    await expectRejects(() => queue.put('after', { timeoutMs: 1000 }), pattern, 'put({timeoutMs: 1000}) after close()');
    await expectRejects(() => queue.get({ timeoutMs: 1000 }), pattern, 'get({timeoutMs: 1000}) after close()');
    await expectRejects(() => queue.getNowait(), pattern, 'getNowait() after close()');
    await queue.close();
    await expectRejects(() => queue.put('again'), pattern, 'put() after a second close()');
  },
});
