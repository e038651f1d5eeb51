import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.flag-reaches-child',
  statement: 'A Process created with daemon=True reports daemon True in the parent and in the child itself.',
  source: 'seed',
  python: 'seed: Process Names and Daemon Processes',
  needs: ['process', 'process.daemon', 'process.current'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const p = await session.createProcess({ target: 'writeIdentity', args: [path], name: 'Daemon-Worker', daemon: true });
    expectEqual(await p.daemon(), true, 'daemon() of a Process created with daemon: true');
    await p.start();
    await p.join(15_000);
    expectEqual(await p.exitCode(), 0, 'exitCode() of the daemonic writeIdentity child after join(15000)');
    expectEqual(await p.daemon(), true, 'daemon() after the child ran');
    expectEqual((await readJsonWritten<{ daemon: boolean }>(path)).daemon, true, 'daemon flag the child sees');
  },
});
