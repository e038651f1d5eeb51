import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.args.reach-the-target',
  statement: 'The args given to a Process reach its target in the child, nested values included.',
  source: 'seed',
  python: 'seed: Creating a Process',
  needs: ['process'],
  async check(session, context) {
    const value = {
      text: 'héllo "world" \u2603',
      numbers: [0, -1, 2.5, 1e21, 9007199254740991],
      nested: { empty: {}, list: [[], [null], [true, false]], deep: { a: { b: { c: 'd' } } } },
      nothing: null,
    };
    const path = join(context.tmpdir, 'args.json');
    const p = await session.createProcess({ target: 'appendToGlobal', args: [path, value] });
    await p.start();
    await p.join();
    expectEqual(await readJsonWritten(path), [value], 'the list appendToGlobal wrote, holding the nested argument');
  },
});
