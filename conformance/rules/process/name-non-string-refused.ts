import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.non-string-refused',
  statement: "Setting the name to a value that is not a string fails ('name must be a string') and keeps the name.",
  source: 'python-docs',
  python: "Lib/multiprocessing/process.py: the name setter asserts isinstance(name, str), 'name must be a string'",
  needs: ['process', 'process.rename'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop', name: 'Kept-Name' });
    for (const value of [42, null, ['a']]) {
      const error = await expectRejects(() => p.setName!(value as never), /name must be a string/, `setName(${JSON.stringify(value)})`, 5000);
      expectEqual(error instanceof Error, true, `the refusal of setName(${JSON.stringify(value)}) is an Error`);
    }
    expectEqual(await p.name(), 'Kept-Name', 'name() after the refused setName calls');
  },
});
