import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.current.child-reports-own-identity',
  statement: 'Inside a child, current_process() reports that child: its name, pid and daemon flag.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.current_process',
  needs: ['process', 'process.current'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const p = await session.createProcess({ target: 'writeIdentity', args: [path], name: 'Identity-Worker' });
    await p.start();
    await p.join();
    const seen = await readJsonWritten<{ name: string; pid: number; daemon: boolean }>(path);
    const expected = { name: 'Identity-Worker', pid: await p.pid(), daemon: false };
    expectEqual({ name: seen.name, pid: seen.pid, daemon: seen.daemon }, expected, 'currentProcess() written by the child');
    const parent = await session.currentProcess();
    expectEqual(parent.name, 'MainProcess', "the parent's currentProcess().name after the child ran");
  },
});
