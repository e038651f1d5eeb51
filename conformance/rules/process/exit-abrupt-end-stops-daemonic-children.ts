import { expectEqual, expectTrue } from '../../harness/expect.js';
import { waitUntilGone } from '../../harness/pids.js';
import { withEndedProgram, type ProgramEnd } from '../../harness/program-end.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exit.abrupt-end-stops-daemonic-children',
  statement:
    "A program that ends abruptly (process.exit, or killed by SIGKILL) still stops its daemonic children: they " +
    'are gone within 3 s, unfinished, so none outlives the program it served.',
  source: 'beyond',
  needs: ['process', 'process.daemon', 'process.nested'],
  cpython: {
    does: 'os._exit and SIGKILL skip multiprocessing\'s exit handler: CPython\'s daemonic children run on after the program.',
    failure: /daemonic child still running/,
  },
  timeoutMs: 90_000,
  async check(session, context) {
    for (const how of ['exit', 'kill'] as ProgramEnd[]) {
      await withEndedProgram(session, context, how, 2000, async ({ daemonic }) => {
        const running = await waitUntilGone([daemonic.pid], 3000);
        expectEqual(running, [], `(${how}) the daemonic child still running 3 s after the program ended`);
        expectTrue(!daemonic.done(), `(${how}) the daemonic child never wrote "done"`);
      });
    }
  },
});
