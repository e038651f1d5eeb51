import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.stderr.non-numeric-status-is-printed',
  statement: "A non-numeric exit status (exit('message')) is printed on the child's stderr, and the exit code is 1.",
  source: 'python-docs',
  python: 'Lib/multiprocessing/process.py: _bootstrap writes str(SystemExit.code) to sys.stderr',
  needs: ['process', 'process.stderr'],
  async check(session) {
    const p = await session.createProcess({ target: 'exitWith', args: ['status text 7f3a'], captureStderr: true });
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 1, "exitCode() of exitWith('status text 7f3a')");
    const printed = await p.stderr!();
    expectTrue(printed.includes('status text 7f3a'), "the child's stderr holds the status text", printed);
  },
});
