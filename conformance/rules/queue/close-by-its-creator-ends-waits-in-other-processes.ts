import { join } from 'node:path';
import { eventually, expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** The child's get would give up only after this. */
const CHILD_GET_TIMEOUT_MS = 90_000;
/** "At once": the waiting child has failed, written its record and exited within this of close(). */
const ENDED_WITHIN_MS = 15_000;

export default defineRule({
  id: 'queue.close.by-its-creator-ends-waits-in-other-processes',
  statement:
    'close() in the process that created a queue closes it for every process: a get() waiting in a child fails at once ' +
    'with an error that is not Empty, instead of waiting out its timeout.',
  source: 'beyond',
  cpython: {
    does: 'CPython closes only the creator\'s own ends of the pipe: a child\'s get goes on waiting until its timeout, then raises queue.Empty.',
    failure: /isAlive\(\) of the waiting child .*observed true/,
  },
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    const child = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 2, CHILD_GET_TIMEOUT_MS] });
    await child.start();
    // The child proves it is waiting on the queue by taking a first item; its second get then waits.
    await queue.put('first');
    expectEqual(await eventually(() => queue.qsize(), (n) => n === 0, 30_000), 0, 'qsize() once the child took "first" (within 30 s)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await queue.close();
    await child.join(ENDED_WITHIN_MS);
    expectEqual(await child.isAlive(), false, `isAlive() of the waiting child ${ENDED_WITHIN_MS / 1000} s after close() (false, not still alive)`);
    const record = await readJsonWritten<{ error?: string; items?: unknown[] }>(path, 5000);
    expectTrue(record.error !== undefined && record.error !== 'Empty' && JSON.stringify(record.items) === '["first"]',
      'the child got "first", then its waiting get failed with an error other than Empty', record);
  },
});
