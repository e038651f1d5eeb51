import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.child-sees-parent-as-ppid',
  statement: "A child's parent pid is the pid of the process that created and started it.",
  source: 'seed',
  python: 'seed: Creating a Process',
  needs: ['process'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const parent = await session.currentProcess();
    const p = await session.createProcess({ target: 'writeIdentity', args: [path] });
    await p.start();
    await p.join();
    const seen = await readJsonWritten<{ ppid: number }>(path);
    expectEqual(seen.ppid, parent.pid, "the child's os.getppid() against the parent's currentProcess().pid");
  },
});
