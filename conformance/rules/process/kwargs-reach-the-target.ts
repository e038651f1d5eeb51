import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.kwargs.reach-the-target',
  statement:
    "The target is called with args and the keyword arguments kwargs: writeScaled(path, 5) with kwargs " +
    '{scale: 3, offset: 1} writes 16; with kwargs {} the defaults apply and it writes 5.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process',
  needs: ['process', 'process.kwargs'],
  async check(session, context) {
    const given = join(context.tmpdir, 'given.json');
    const empty = join(context.tmpdir, 'empty.json');
    const withKwargs = await session.createProcess({ target: 'writeScaled', args: [given, 5], kwargs: { scale: 3, offset: 1 } });
    const withEmpty = await session.createProcess({ target: 'writeScaled', args: [empty, 5], kwargs: {} });
    await withKwargs.start();
    await withEmpty.start();
    await withKwargs.join();
    await withEmpty.join();
    expectEqual(await readJsonWritten(given), 16, 'what writeScaled(path, 5, scale=3, offset=1) wrote');
    expectEqual(await readJsonWritten(empty), 5, 'what writeScaled(path, 5) with kwargs {} wrote');
  },
});
