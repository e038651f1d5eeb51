import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.stderr.failing-target-prints-header-and-error',
  statement:
    "A target that raises prints 'Process <name>:' on a line of its own on the child's stderr, then the " +
    "traceback ending with the error's class and message.",
  source: 'python-docs',
  python: "Lib/multiprocessing/process.py: _bootstrap writes 'Process %s:' and traceback.print_exc() to stderr",
  needs: ['process', 'process.stderr'],
  async check(session) {
    const p = await session.createProcess({ target: 'raiseError', args: ['failed on purpose 19'], name: 'Loud-Worker', captureStderr: true });
    await p.start();
    await p.join();
    expectEqual(await p.exitCode(), 1, 'exitCode() of a target that raised');
    const printed = await p.stderr!();
    expectTrue(/^Process Loud-Worker:$/m.test(printed), "the child's stderr has the line 'Process Loud-Worker:'", printed);
    const after = printed.slice(printed.indexOf('Process Loud-Worker:'));
    expectTrue(/ValueError: failed on purpose 19/.test(after), "after it, 'ValueError: failed on purpose 19'", printed);
  },
});
