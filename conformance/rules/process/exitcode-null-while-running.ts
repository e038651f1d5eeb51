import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.exitcode.null-while-running',
  statement: 'The exit code of a Process is None (null) while its child is still running.',
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [5000] });
    try {
      await p.start();
      expectEqual(await p.exitCode(), null, 'exitCode() right after start() of a 5 s task');
      await p.join(300);
      expectEqual(await p.exitCode(), null, 'exitCode() after join(300) on a 5 s task');
    } finally {
      await p.terminate().catch(() => undefined);
      await p.join(5000).catch(() => undefined);
    }
  },
});
