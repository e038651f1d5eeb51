import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.settable-at-any-time',
  statement:
    'The name may be set before start(), which the child then sees, and after start(), which changes only the ' +
    "parent's label (it is for identification only).",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.name',
  needs: ['process', 'process.rename'],
  async check(session, context) {
    const path = join(context.tmpdir, 'identity.json');
    const p = await session.createProcess({ target: 'writeIdentity', args: [path], name: 'First-Name' });
    await p.setName!('Renamed-Before');
    expectEqual(await p.name(), 'Renamed-Before', 'name() after setName before start()');
    await p.start();
    await p.join();
    expectEqual((await readJsonWritten<{ name: string }>(path)).name, 'Renamed-Before', 'the name the child saw');
    await p.setName!('Renamed-After');
    expectEqual(await p.name(), 'Renamed-After', 'name() after setName once the child ran');
  },
});
