import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.is-the-childs-own-pid',
  statement: "The pid the parent reads from a Process is the pid the child process sees as its own.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.pid',
  needs: ['process', 'process.current'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const p = await session.createProcess({ target: 'writeIdentity', args: [path] });
    await p.start();
    await p.join();
    const seen = await readJsonWritten<{ pid: number }>(path);
    expectEqual(await p.pid(), seen.pid, "the parent's pid() against the pid the child wrote");
  },
});
