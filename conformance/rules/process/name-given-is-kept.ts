import { join } from 'node:path';
import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.given-is-kept',
  statement: 'A name passed to the constructor is the Process name, before and after it runs; several processes may share it.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.name',
  needs: ['process'],
  async check(session, context) {
    const name = 'Worker-A ünïcode';
    const first = await session.createProcess({ target: 'noop', name });
    const second = await session.createProcess({ target: 'writeThenSleep', args: [join(context.tmpdir, 'x'), 'x', 0], name });
    expectEqual(await first.name(), name, 'name() before start()');
    expectEqual(await second.name(), name, 'name() of a second Process given the same name');
    await first.start();
    await second.start();
    expectEqual(await first.name(), name, 'name() after start()');
    await first.join();
    await second.join();
    expectEqual(await first.name(), name, 'name() after join()');
    expectEqual(await second.name(), name, 'name() of the second Process after join()');
  },
});
