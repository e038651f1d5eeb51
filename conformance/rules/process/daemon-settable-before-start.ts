import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.settable-before-start',
  statement: 'The daemon flag set after construction but before start() is the one the child runs with.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.daemon',
  needs: ['process', 'process.daemon', 'process.current'],
  async check(session, context) {
    const on = join(context.tmpdir, 'on.json');
    const off = join(context.tmpdir, 'off.json');
    const a = await session.createProcess({ target: 'writeIdentity', args: [on] });
    await a.setDaemon(true);
    expectEqual(await a.daemon(), true, 'daemon() after setDaemon(true)');
    const b = await session.createProcess({ target: 'writeIdentity', args: [off], daemon: true });
    await b.setDaemon(false);
    expectEqual(await b.daemon(), false, 'daemon() of a Process created daemonic, after setDaemon(false)');
    await a.start();
    await b.start();
    await a.join(15_000);
    await b.join(15_000);
    expectEqual((await readJsonWritten<{ daemon: boolean }>(on)).daemon, true, 'daemon flag seen by the child set with setDaemon(true)');
    expectEqual((await readJsonWritten<{ daemon: boolean }>(off)).daemon, false, 'daemon flag seen by the child set with setDaemon(false)');
  },
});
