import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'queue.direction.parent-to-child',
  statement: 'A child gets, in order, what the parent puts on a queue passed to it, before and after the child started.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#exchanging-objects-between-processes',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    await queue.put('before start');
    const child = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 3, 60_000] });
    await child.start();
    await queue.put('after start');
    await queue.put({ last: [1, 2, 3] });
    await child.join(90_000);
    expectEqual(await child.exitCode(), 0, 'exitCode() of the child');
    expectEqual(await readJsonWritten(path, 10_000), ['before start', 'after start', { last: [1, 2, 3] }], 'what the child got (3 gets)');
    expectEqual(await queue.qsize(), 0, 'qsize() in the parent once the child got every item');
  },
});
