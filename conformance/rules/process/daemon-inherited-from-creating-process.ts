import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.inherited-from-creating-process',
  statement:
    'A Process created without a daemon flag inherits the flag of the process creating it: true inside a daemonic ' +
    'child, false inside a non-daemonic one.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.daemon',
  needs: ['process', 'process.daemon'],
  async check(session, context) {
    const inDaemon = join(context.tmpdir, 'in-daemon.json');
    const inOther = join(context.tmpdir, 'in-other.json');
    const daemonic = await session.createProcess({ target: 'writeNewDaemonFlag', args: [inDaemon], daemon: true });
    const other = await session.createProcess({ target: 'writeNewDaemonFlag', args: [inOther], daemon: false });
    await daemonic.start();
    await other.start();
    await daemonic.join();
    await other.join();
    expectEqual(await readJsonWritten(inDaemon), true, 'the daemon flag of a Process created inside a daemonic child');
    expectEqual(await readJsonWritten(inOther), false, 'the daemon flag of a Process created inside a non-daemonic child');
  },
});
