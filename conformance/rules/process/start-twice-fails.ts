import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.start.twice-fails',
  statement: 'start() may be called at most once per Process: a second call fails, while running or after exit.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.Process.start',
  needs: ['process'],
  async check(session) {
    const p = await session.createProcess({ target: 'sleepFor', args: [300] });
    await p.start();
    const pid = await p.pid();
    await expectRejects(() => p.start(), /cannot start a process twice/, 'second start() while running');
    expectEqual(await p.pid(), pid, 'pid() after the refused second start()');
    await p.join();
    await expectRejects(() => p.start(), /cannot start a process twice/, 'start() after the process exited');
    expectEqual(await p.exitCode(), 0, 'exitCode() after the refused start() calls');
  },
});
