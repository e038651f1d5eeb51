import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.name.default-is-process-n',
  statement: "A Process created in the main process without a name is named 'Process-N', N a positive integer.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.name',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'noop' });
    const name = await p.name();
    expectTrue(/^Process-[1-9][0-9]*$/.test(name), "name() of an unnamed Process matches /^Process-[1-9][0-9]*$/", name);
    await p.start();
    await p.join();
    expectTrue((await p.name()) === name, 'name() after start() and join() is unchanged', await p.name());
  },
});
