import { expectEqual, expectTrue } from '../../harness/expect.js';
import { withEndedProgram } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.normal-end-joins-non-daemonic-children',
  statement:
    'A program that ends normally first waits for its non-daemonic children: when it has exited (exit code 0), ' +
    'they have run to their end.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/util.py: _exit_function joins every active non-daemonic child',
  needs: ['process', 'process.daemon', 'process.nested'],
  timeoutMs: 90_000,
  async check(session, context) {
    await withEndedProgram(session, context, 'return', 1500, async ({ exitCode, nonDaemonic }) => {
      expectEqual(exitCode, 0, "the program's exit code");
      expectTrue(nonDaemonic.doneAtEnd, 'the non-daemonic child had written "done" when the program had exited', {
        running: nonDaemonic.runningAtEnd,
      });
    });
  },
});
