import { expectEqual, expectTrue } from '../../harness/expect.js';
import { waitUntilGone } from '../../harness/pids.js';
import { withEndedProgram } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.normal-end-terminates-daemonic-children',
  statement:
    'A program that ends normally terminates its daemonic children: they are gone within seconds of its end, ' +
    'without having finished their work.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.daemon',
  needs: ['process', 'process.daemon', 'process.nested'],
  timeoutMs: 90_000,
  async check(session, context) {
    await withEndedProgram(session, context, 'return', 1500, async ({ exitCode, daemonic }) => {
      expectEqual(exitCode, 0, "the program's exit code");
      const running = await waitUntilGone([daemonic.pid], 5000);
      expectEqual(running, [], 'the daemonic child still running 5 s after the program ended');
      expectTrue(!daemonic.done(), 'the daemonic child never wrote "done" (it was stopped, not left to finish)');
    });
  },
});
