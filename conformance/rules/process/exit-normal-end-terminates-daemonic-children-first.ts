import { expectEqual, expectTrue } from '../../harness/expect.js';
import { withEndedProgram } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.normal-end-terminates-daemonic-children-first',
  statement:
    'A program that ends normally terminates its daemonic children before it waits for the non-daemonic ones: a ' +
    'daemonic child whose work would end before theirs is stopped unfinished.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/util.py: _exit_function terminates the daemonic children, then joins the others',
  needs: ['process', 'process.daemon', 'process.nested'],
  timeoutMs: 90_000,
  async check(session, context) {
    // The daemonic child's work (1.5 s) ends well before the non-daemonic one's (5 s).
    await withEndedProgram(
      session,
      context,
      'return',
      5000,
      async ({ exitCode, daemonic, nonDaemonic }) => {
        expectEqual(exitCode, 0, "the program's exit code");
        expectTrue(nonDaemonic.doneAtEnd, 'the non-daemonic child had finished when the program had exited');
        expectTrue(!daemonic.done(), 'the daemonic child never finished: it was terminated when the program ended, before the wait');
      },
      1500,
    );
  },
});
