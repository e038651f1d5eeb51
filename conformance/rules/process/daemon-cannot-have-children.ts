import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.daemon.cannot-have-children',
  statement: 'A daemonic process is not allowed to create child processes: start() fails inside it.',
  source: 'seed',
  python: 'seed: Process Names and Daemon Processes',
  needs: ['process', 'process.daemon', 'process.nested'],
  async check(session, context) {
    const path = join(context.tmpdir, 'grandchild.json');
    const p = await session.createProcess({ target: 'startChild', args: [path], daemon: true });
    await p.start();
    await p.join(15_000);
    const written = await readJsonWritten<{ ok: boolean; name?: string; error?: string }>(path);
    expectEqual(written.ok, false, 'ok written by startChild in a daemonic child');
    const pattern = /daemonic processes are not allowed to have children/;
    expectTrue(pattern.test(written.error ?? ''), `error written by startChild matches /${pattern.source}/`, written.error);
  },
});
