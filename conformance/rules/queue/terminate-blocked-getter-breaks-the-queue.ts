import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.terminate.blocked-getter-breaks-the-queue',
  statement:
    'Terminating a child while it waits in get() on a queue leaves the queue broken for the other processes: the parent puts an item afterwards, and its get() with a timeout raises Empty.',
  source: 'python-docs',
  python:
    'library/multiprocessing.html#all-start-methods (Avoid terminating processes: terminate() "is liable to cause any shared resources (such as locks, semaphores, pipes and queues) currently being used by the process to become broken or unavailable to other processes"); Lib/multiprocessing/queues.py: Queue.get holds the read lock while it waits',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 90_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'ready.txt');
    const child = await session.createProcess({ target: 'readyThenGet', args: [queue, path, 60_000] });
    await child.start();
    const ready = await eventually(() => readFile(path, 'utf8').catch(() => ''), (text) => text === 'ready', 30_000);
    expectEqual(ready, 'ready', 'what readyThenGet wrote before its get()');
    // "ready" comes just before the get(): a second more and the child waits inside it, holding the read lock.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await child.terminate();
    await child.join(30_000);
    expectEqual(await child.exitCode(), -15, 'exitCode() of the child terminated in its get()');
    await queue.put('after');
    const got = await queue.get({ timeoutMs: 2_000 }).then(
      (item) => item,
      // Empty must be a real Error of that class, not an object that only carries the name.
      (error: unknown) => (error instanceof Error ? error.name : `a thrown ${typeof error}, not an Error`),
    );
    expectEqual(got, 'Empty', 'what get({timeoutMs: 2000}) in the parent gave, after the parent put "after"');
  },
});
