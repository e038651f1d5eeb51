import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { parentPidOf } from '../../harness/pids.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.child-sees-parent-as-ppid',
  statement:
    "A child's parent pid (os.getppid()) is the pid of the process that created and started it. Under the " +
    "forkserver start method it is the fork server's instead: one process, itself a child of the creator, that " +
    'forks every child the creator starts (parent_process() still names the creator).',
  source: 'seed',
  python: 'seed: Creating a Process',
  needs: ['process'],
  async check(session, context) {
    const parent = await session.currentProcess();
    const ppidOfNewChild = async (name: string) => {
      const path = join(context.tmpdir, `${name}.json`);
      const p = await session.createProcess({ target: 'writeIdentity', args: [path] });
      await p.start();
      await p.join();
      return (await readJsonWritten<{ ppid: number }>(path)).ppid;
    };
    const ppid = await ppidOfNewChild('first');
    if (context.python?.startMethod !== 'forkserver') {
      expectEqual(ppid, parent.pid, "the child's os.getppid() against the parent's currentProcess().pid");
      return;
    }
    expectTrue(ppid !== parent.pid, "under forkserver the child's os.getppid() is not the creator's pid", ppid);
    // The fork server lives as long as its creator: read its own parent while it runs.
    expectEqual(parentPidOf(ppid), parent.pid, "the parent pid of the fork server (the first child's os.getppid())");
    expectEqual(await ppidOfNewChild('second'), ppid, "a second child's os.getppid(): the same fork server");
  },
});
