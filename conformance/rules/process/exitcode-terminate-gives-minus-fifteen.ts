import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.exitcode.terminate-gives-minus-fifteen',
  statement: 'terminate() sends SIGTERM, so a terminated child has exit code -15.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.terminate',
  needs: ['process'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [10_000] }, async (p) => {
      await p.start();
      await p.join(200);
      await p.terminate();
      await p.join(10_000);
      expectEqual(await p.exitCode(), -15, 'exitCode() after terminate() of a 10 s task');
    });
  },
});
