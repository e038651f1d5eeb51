import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.default-is-false',
  statement: 'A Process created by the (non-daemonic) main process without a daemon flag is not daemonic.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.daemon',
  needs: ['process', 'process.daemon'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const p = await session.createProcess({ target: 'writeIdentity', args: [path] });
    expectEqual(await p.daemon(), false, 'daemon() of a Process created without the flag');
    await p.start();
    await p.join();
    expectEqual((await readJsonWritten<{ daemon: boolean }>(path)).daemon, false, 'daemon flag the child sees');
  },
});
