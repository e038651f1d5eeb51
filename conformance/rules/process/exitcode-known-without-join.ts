import { eventually, expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.known-without-join',
  statement: 'The exit code becomes known once the child terminates, whether or not join() is called.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.exitcode',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: [7] });
    await p.start();
    const code = await eventually(() => p.exitCode(), (value) => value !== null, 15_000);
    expectEqual(code, 7, 'exitCode() polled for 15 s after starting exitWith(7), without join()');
    await p.join();
  },
});
