import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.grandchild-is-numbered-below-parent',
  statement: "The first unnamed child of the child named 'Process-N' is named 'Process-N:1'.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.name',
  needs: ['process', 'process.nested'],
  async check(session, context) {
    const path = join(context.tmpdir, 'grandchild.json');
    const p = await session.createProcess({ target: 'startChild', args: [path] });
    const name = await p.name();
    await p.start();
    await p.join();
    const written = await readJsonWritten<{ ok: boolean; name?: string; error?: string }>(path);
    expectEqual(written, { ok: true, name: `${name}:1` }, `what startChild wrote in the child ${name}`);
  },
});
