import { expectTrue } from '../../harness/expect.js';
import { isRunning } from '../../harness/pids.js';
import { withEndedProgram, type ProgramEnd } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.abrupt-end-leaves-daemonic-children-running',
  statement:
    'A program that ends abruptly (os._exit, or killed by SIGKILL) does not terminate its daemonic children: ' +
    'they go on running after it.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/util.py: only the atexit handler _exit_function terminates daemonic children; os._exit and SIGKILL skip it',
  needs: ['process', 'process.daemon', 'process.nested'],
  timeoutMs: 90_000,
  async check(session, context) {
    for (const how of ['exit', 'kill'] as ProgramEnd[]) {
      await withEndedProgram(session, context, how, 2000, async ({ daemonic }) => {
        expectTrue(daemonic.runningAtEnd, `(${how}) the daemonic child still ran when the program had exited`);
        // Not only a child on its way out: it still runs a second later (its work takes 6 s).
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expectTrue(isRunning(daemonic.pid), `(${how}) the daemonic child still runs 1 s later`);
      });
    }
  },
});
