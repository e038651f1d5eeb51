import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.exitcode.kill-gives-minus-nine',
  statement: 'kill() sends SIGKILL, so a killed child has exit code -9.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.kill',
  needs: ['process', 'process.kill'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [10_000] }, async (p) => {
      await p.start();
      await p.join(200);
      await p.kill();
      await p.join(10_000);
      expectEqual(await p.exitCode(), -9, 'exitCode() after kill() of a 10 s task');
    });
  },
});
