import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.parent.child-sees-parent-name-and-pid',
  statement: "In a child, parent_process() is the process that started it: its name and pid, and it is alive.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.parent_process',
  needs: ['process', 'process.parent'],
  async check(session, context) {
    const path = join(context.tmpdir, 'parent.json');
    const p = await session.createProcess({ target: 'writeParent', args: [path] });
    await p.start();
    await p.join();
    const me = await session.currentProcess();
    expectEqual(await readJsonWritten(path), { name: me.name, pid: me.pid, alive: true }, 'parentProcess() written by the child');
  },
});
