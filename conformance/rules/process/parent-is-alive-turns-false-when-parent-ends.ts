import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { killLeftovers } from '../../harness/pids.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.parent.is-alive-turns-false-when-parent-ends',
  statement:
    "In a child, parent_process().is_alive() is true while the parent runs and turns false once the parent is " +
    'terminated; the child itself is not terminated with it (it goes on to report that).',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.parent_process',
  needs: ['process', 'process.parent', 'process.nested'],
  timeoutMs: 90_000,
  async check(session, context) {
    const dir = context.tmpdir;
    const parent = await session.createProcess({ target: 'watchParentDeath', args: [dir] });
    const pids: number[] = [];
    try {
      await parent.start();
      pids.push(await readJsonWritten<number>(join(dir, 'pid'), 45_000));
      expectEqual(await readJsonWritten(join(dir, 'first'), 10_000), 'alive', "what the grandchild saw while its parent ran");
      await parent.terminate();
      // Bounded: a parent that outlives terminate() fails the rule below rather than at its time bound.
      await parent.join(15_000);
      expectEqual(await readJsonWritten(join(dir, 'then'), 10_000), 'not alive', 'what the grandchild saw once its parent was terminated');
    } finally {
      await killLeftovers(pids);
    }
  },
});
