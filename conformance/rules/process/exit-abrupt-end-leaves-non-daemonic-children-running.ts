import { expectTrue, eventually } from '../../harness/expect.js';
import { withEndedProgram, type ProgramEnd } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.abrupt-end-leaves-non-daemonic-children-running',
  statement:
    'A program that ends abruptly (os._exit / process.exit, or killed by SIGKILL) does not wait for its ' +
    'non-daemonic children, and they run on to their end.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/util.py: only the atexit handler _exit_function joins children; os._exit and SIGKILL skip it',
  needs: ['process', 'process.daemon', 'process.nested'],
  timeoutMs: 120_000,
  async check(session, context) {
    for (const how of ['exit', 'kill'] as ProgramEnd[]) {
      await withEndedProgram(session, context, how, 3000, async ({ nonDaemonic }) => {
        expectTrue(nonDaemonic.runningAtEnd && !nonDaemonic.doneAtEnd, `(${how}) the non-daemonic child still ran, unfinished, when the program had exited`, {
          running: nonDaemonic.runningAtEnd,
          done: nonDaemonic.doneAtEnd,
        });
        const done = await eventually(async () => nonDaemonic.done(), (value) => value, 15_000);
        expectTrue(done, `(${how}) the non-daemonic child then wrote "done"`);
      });
    }
  },
});
