import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcess } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.exitcode.null-while-running',
  statement: 'The exit code of a Process is None (null) while its child is still running.',
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  async check(session) {
    await withProcess(session, { target: 'sleepFor', args: [5000] }, async (p) => {
      await p.start();
      expectEqual(await p.exitCode(), null, 'exitCode() right after start() of a 5 s task');
      await p.join(300);
      expectEqual(await p.exitCode(), null, 'exitCode() after join(300) on a 5 s task');
    });
  },
});
