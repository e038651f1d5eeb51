import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.child-sees-its-name',
  statement: "Inside the child, current_process().name is the Process's name, given or default.",
  source: 'seed',
  python: 'seed: Process Names and Daemon Processes',
  needs: ['process', 'process.current'],
  async check(session, context) {
    const named = join(context.tmpdir, 'named.json');
    const unnamed = join(context.tmpdir, 'unnamed.json');
    const a = await session.createProcess({ target: 'writeIdentity', args: [named], name: 'Worker-A' });
    const b = await session.createProcess({ target: 'writeIdentity', args: [unnamed] });
    await a.start();
    await b.start();
    await a.join();
    await b.join();
    expectEqual((await readJsonWritten<{ name: string }>(named)).name, 'Worker-A', 'name seen by a child named Worker-A');
    expectEqual(
      (await readJsonWritten<{ name: string }>(unnamed)).name,
      await b.name(),
      "name seen by an unnamed child, against the parent's name() of it",
    );
  },
});
